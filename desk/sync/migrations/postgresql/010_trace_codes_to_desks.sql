-- Issue 13 part 6: a box sold twice reaches every desk involved through the change feed (GET /v1/changes),
-- as overruns do: each conflict is a change, numbered like the others (desk/sync/hub_store.py), delivered to
-- the desk of the earlier sale and to the desk of the later one. Conflicts recorded before now are numbered
-- here, in this migration's own transaction, so a desk downloads them on its next sync.
ALTER TABLE hub_trace_conflicts ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
UPDATE hub_trace_conflicts c SET change_seq = (pg_current_xact_id()::text::bigint << 22) + n.n
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM hub_trace_conflicts) n WHERE n.id = c.id;
CREATE INDEX hub_trace_conflicts_first_desk ON hub_trace_conflicts(first_desk, change_seq);
CREATE INDEX hub_trace_conflicts_desk ON hub_trace_conflicts(desk_uuid, change_seq);

-- Issue 13 part 1: the hub's catalog carries the drug columns of the desk's catalog_drugs (db/005), so a catalog
-- loaded at the hub reaches the desks with them. drug = 0: the hub's file set none (a desk keeps its own).
ALTER TABLE hub_catalog ADD COLUMN drug INTEGER NOT NULL DEFAULT 0 CHECK (drug IN (0, 1));
ALTER TABLE hub_catalog ADD COLUMN barcode TEXT;
ALTER TABLE hub_catalog ADD COLUMN trace_required INTEGER NOT NULL DEFAULT 0 CHECK (trace_required IN (0, 1));
ALTER TABLE hub_catalog ADD COLUMN units_per_box INTEGER NOT NULL DEFAULT 1 CHECK (units_per_box >= 1);
ALTER TABLE hub_catalog ADD COLUMN trace_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE hub_catalog ADD COLUMN rx_flag INTEGER NOT NULL DEFAULT 0 CHECK (rx_flag IN (0, 1));
