-- Issue 13 part 6: a box sold twice reaches every desk involved through the change feed (GET /v1/changes),
-- as overruns do: each conflict is a change, numbered from hub_counter like the others, delivered to the desk
-- of the earlier sale and to the desk of the later one. Conflicts recorded before now are numbered here.
ALTER TABLE hub_trace_conflicts ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE hub_trace_conflicts SET change_seq = (SELECT seq FROM hub_counter WHERE id = 1)
    + (SELECT count(*) FROM hub_trace_conflicts c WHERE c.id <= hub_trace_conflicts.id);
UPDATE hub_counter SET seq = seq + (SELECT count(*) FROM hub_trace_conflicts) WHERE id = 1;
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
