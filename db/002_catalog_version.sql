-- A counter that moves whenever the catalog changes, so a process can keep a search index of the
-- catalog in memory and know when to rebuild it without reading the whole table.
ALTER TABLE desk ADD COLUMN catalog_version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER catalog_inserted AFTER INSERT ON catalog BEGIN UPDATE desk SET catalog_version = catalog_version + 1; END;
CREATE TRIGGER catalog_updated AFTER UPDATE ON catalog BEGIN UPDATE desk SET catalog_version = catalog_version + 1; END;
CREATE TRIGGER catalog_deleted AFTER DELETE ON catalog BEGIN UPDATE desk SET catalog_version = catalog_version + 1; END;
