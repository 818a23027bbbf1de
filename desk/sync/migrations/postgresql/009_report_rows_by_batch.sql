-- The report rows (hub migrations 004 and 006) are written by the ingest itself, per batch, set-based and in
-- key order (desk/sync/hub_report_rows.py): the per-row triggers cost most of each settlement's ingest and, run
-- by concurrent batches in their own orders, deadlocked on the shared per-day and per-member rows. The tables
-- and what they hold are unchanged; hub_report_group_all() stays (bench/analytics.py groups bulk rows with it).
DROP TRIGGER hub_report_on_insert ON hub_settlements;
DROP TRIGGER hub_report_group ON hub_report_settlements;
DROP TRIGGER hub_report_fees_on_insert ON hub_report_items;
DROP FUNCTION hub_report_on_insert();
DROP FUNCTION hub_report_group_on_insert();
DROP FUNCTION hub_report_fees_on_insert();
DROP FUNCTION hub_report_copy(hub_settlements);
DROP FUNCTION hub_report_group(hub_report_settlements);
