"""The month's drug sales and returns in the 3505/3506 field names equal what was settled."""
import csv
import datetime as dt
import io
import json

from desk.reports.drug_sales import FIELDS, drug_csv, drug_jsonl, drug_records
from desk.store.settling import reverse
from pharmacy_support import AT, code, make_pharmacy
from test_pharmacy_store import line, sell
from test_store_cli import desk as run

NATIONAL = {"med_list_codg", "fixmedins_bchno", "rx_flag", "trdn_flag", "rtal_docno", "manu_lotnum", "expy_end",
            "sel_retn_cnt", "sel_retn_time", "mdtrt_setl_type", "drugtracinfo"}


def test_the_export_has_every_line_with_its_codes_and_the_return(tmp_path):
    d = make_pharmacy(tmp_path)
    sale = sell(d, [line("XA01", 2, code(1), code(2), batch="B2401", expiry="2027-06-30"), line("FW01", 1),
                    line("XS01", 12, code(31), code(32), batch="S9"), line("XB01", 10, reason="旧库存")])
    back = reverse(d.db, d.supervisor, sale.id, AT + dt.timedelta(hours=1), "顾客退货")
    records = [json.loads(t) for t in drug_jsonl(drug_records(d.db, "2026-03")).splitlines()]
    assert NATIONAL <= set(records[0])
    # worked from the bill above: three drug lines (the service fee is not a drug), sold then returned
    want_sale = [
        ("XA01", "01-1-1", "1", "0", "01-1", "B2401", "2027-06-30", "2", [code(1), code(2)]),
        ("XS01", "01-1-3", "1", "1", "01-1", "S9", "", "12", [code(31), code(32)]),
        ("XB01", "01-1-4", "0", "0", "01-1", "", "", "10", []),
    ]
    got = [(r["med_list_codg"], r["fixmedins_bchno"], r["rx_flag"], r["trdn_flag"], r["rtal_docno"], r["manu_lotnum"],
            r["expy_end"], r["sel_retn_cnt"], [t["drug_trac_codg"] for t in r["drugtracinfo"]]) for r in records]
    assert got[:3] == want_sale
    assert [r["infno"] for r in records] == ["3505"] * 3 + ["3506"] * 3
    returns = records[3:]
    assert [(r["med_list_codg"], r["init_setl_id"], r["rtal_docno"], r["sel_retn_cnt"]) for r in returns] == [
        ("XA01", sale.id, "01-2", "2"), ("XS01", sale.id, "01-2", "12"), ("XB01", sale.id, "01-2", "10")]
    assert returns[0]["drugtracinfo"] == records[0]["drugtracinfo"]
    assert records[0]["sel_retn_time"] == "2026-03-10 10:00:00" and returns[0]["sel_retn_time"] == "2026-03-10 11:00:00"
    assert {r["mdtrt_setl_type"] for r in records} == {"1"} and records[0]["prsc_no"] == "RX20260310001"
    assert records[0]["setl_id"] == sale.id and returns[0]["setl_id"] == back.id
    table = list(csv.DictReader(io.StringIO(drug_csv(drug_records(d.db, "2026-03")))))
    assert list(table[0]) == list(FIELDS)
    assert [(t["med_list_codg"], t["drugtracinfo"]) for t in table[:3]] == [
        ("XA01", f"{code(1)};{code(2)}"), ("XS01", f"{code(31)};{code(32)}"), ("XB01", "")]


def test_desk_report_month_writes_the_drug_sales(tmp_path):
    d = make_pharmacy(tmp_path)
    sell(d, [line("XA01", 1, code(5))])
    done = run(d.path, "report", "month", "2026-03", "--out-dir", str(tmp_path / "m"))
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "m" / "drugsale-2026-03.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(t)["drugtracinfo"] for t in lines] == [[{"drug_trac_codg": code(5)}]]
    assert (tmp_path / "m" / "drugsale-2026-03.csv").exists()
