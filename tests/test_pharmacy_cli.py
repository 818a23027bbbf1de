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
