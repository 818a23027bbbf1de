-- The report rows (hub migrations 004 and 006) are written by the ingest itself, per batch, set-based and in
-- key order (desk/sync/hub_report_rows.py): the per-row triggers cost most of each settlement's ingest. The
-- tables and what they hold are unchanged.
DROP TRIGGER hub_report_on_insert;
DROP TRIGGER hub_report_group;
DROP TRIGGER hub_report_fees_on_insert;
