"""`desk settle` with traceability codes and a prescription, `desk pharmacy`, `desk check`, from a shell."""
import json

from pharmacy_support import AT, code, make_pharmacy
from test_store_cli import desk as run


def test_settle_with_codes_and_a_prescription_file_then_the_same_box_is_refused(tmp_path):
    """(Dated bills are a supervisor's late entries, 补录: the desk's clock dates a cashier's.)"""
    d = make_pharmacy(tmp_path)
    rx = tmp_path / "rx.json"
    rx.write_text(json.dumps({"number": "RX1", "institution_code": "H1", "institution_name": "重庆某医院",
                              "institution_level": 3, "doctor": "刘医生", "diagnosis_code": "J06.900",
                              "diagnosis_name": "急性上呼吸道感染", "written_on": AT.date().isoformat()}), "utf-8")
    at = AT.isoformat()
    done = run(d.path, "settle", "A10000003", "6901234567892*2", "FW01", "--codes", f"1={code(1)},{code(2)}",
               "--batch", "1=B2401", "--expiry", "1=2027-01-31", "--prescription", str(rx), "--at", at, "--late-reason", "手工单补录",
               user="sup1", pin="2222")
    assert done.returncode == 0, done.stderr
    assert "receipt 1" in done.stdout
    again = run(d.path, "settle", "A10000001", "XA01", "--codes", f"1={code(2)}", "--prescription", str(rx),
                "--at", at, "--late-reason", "手工单补录", user="sup1", pin="2222")
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.strip() == f"desk settle: line 1: traceability code {code(2)}: already sold on receipt 1"
    short = run(d.path, "settle", "A10000001", "XA01", "--codes", "1=123", "--prescription", str(rx), "--at", at, "--late-reason", "手工单补录",
                user="sup1", pin="2222")
    assert short.returncode == 2 and "has 3 digits, a code has 20" in short.stderr
    missing = run(d.path, "settle", "A10000001", "XA01", "--codes", f"1={code(3)}", "--at", at, "--late-reason", "手工单补录",
                  user="sup1", pin="2222")
    assert missing.returncode == 2 and "外配处方" in missing.stderr
    sold = run(d.path, "pharmacy", "code", code(1))
    assert sold.stdout.strip() == f"{code(1)} unit 1: receipt 1 on {AT.date()}"
    assert run(d.path, "check").returncode == 0


def test_a_bill_file_with_a_no_code_line(tmp_path):
    d = make_pharmacy(tmp_path)
    bill = tmp_path / "bill.json"
    bill.write_text(json.dumps({"items": [{"code": "XB01", "quantity": "2", "no_code_reason": "旧库存"},
                                          {"code": "XB01", "quantity": 1, "trace_codes": [code(9, "")]}]}), "utf-8")
    done = run(d.path, "settle", "A10000001", "--bill", str(bill), "--at", AT.isoformat(), "--late-reason", "手工单补录", user="sup1", pin="2222")
    assert done.returncode == 0, done.stderr
    bad = run(d.path, "settle", "A10000001", "XB01", "--at", AT.isoformat(), "--late-reason", "手工单补录", user="sup1", pin="2222")
    assert bad.returncode == 2 and "mark the line 无码" in bad.stderr
    shown = run(d.path, "pharmacy", "settings")
    assert "traceability codes: required (at a pharmacy desk)" in shown.stdout


def test_the_demo_pharmacy_has_barcodes_codes_split_packs_and_prescriptions(tmp_path):
    import sqlite3

    dbs = []
    for n in (1, 2):
        db = tmp_path / f"demo{n}.sqlite"
        done = run(db, "demo", "--place", "chongqing", "--type", "pharmacy", "--members", "200")
        assert done.returncode == 0, done.stderr
        assert "(0 refused by the policy)" in done.stdout
        dbs.append(db)
    query = ("SELECT i.code, t.code, t.unit FROM trace_units t JOIN settlement_items i ON i.settlement_id = t.settlement_id"
             " AND i.line = t.line JOIN settlements s ON s.id = t.settlement_id ORDER BY s.receipt_no, t.line, t.unit")
    with sqlite3.connect(dbs[0]) as a, sqlite3.connect(dbs[1]) as b:
        sold = a.execute(query).fetchall()
        assert sold and sold == b.execute(query).fetchall()  # deterministic
        assert a.execute("SELECT count(*) FROM catalog_drugs WHERE barcode IS NOT NULL").fetchone()[0] > 100
        assert a.execute("SELECT count(*) FROM settlement_drug_lines WHERE split = 1").fetchone()[0] > 0
        assert a.execute("SELECT count(*) FROM settlement_drug_lines WHERE no_code_reason <> ''").fetchone()[0] > 0
        assert a.execute("SELECT count(*) FROM prescriptions").fetchone()[0] > 0
        item, barcode = a.execute("SELECT code, barcode FROM catalog_drugs WHERE rx_flag = 0 AND units_per_box = 1"
                                  " AND trace_required = 1 ORDER BY code LIMIT 1").fetchone()
        member = a.execute("SELECT card_number FROM members WHERE eligible = 1 ORDER BY member_id LIMIT 1").fetchone()[0]
    assert run(dbs[0], "check").returncode == 0
    codes = run(dbs[0], "pharmacy", "codes", barcode, "--count", "2").stdout.split()
    assert len(codes) == 2 and all(len(c) == 20 for c in codes)
    with sqlite3.connect(dbs[0]) as a:
        assert not a.execute(f"SELECT 1 FROM trace_units WHERE code IN (?, ?) AND released_by IS NULL", codes).fetchone()
    done = run(dbs[0], "settle", member, f"{barcode}*2", "--codes", f"1={','.join(codes)}", user="cashier", pin="1234")
    assert done.returncode == 0, done.stderr
    assert run(dbs[0], "pharmacy", "codes", barcode, "--count", "2").stdout.split()[0] not in codes
