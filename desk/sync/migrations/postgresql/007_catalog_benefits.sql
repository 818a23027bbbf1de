-- Issue 11: the hub's catalog carries what db/007_benefits.sql added to the desk's, so a catalog change
-- coming down from the hub keeps an item's own scheme (重庆 第六条) and its exclusion from account pay
-- (wellness, 濮阳 第七条) instead of clearing them.
ALTER TABLE hub_catalog ADD COLUMN scheme TEXT
    CHECK (scheme IS NULL OR scheme IN ('fixed_fee', 'two_diseases', 'special_disease', 'national_negotiated'));
ALTER TABLE hub_catalog ADD COLUMN account_excluded INTEGER NOT NULL DEFAULT 0 CHECK (account_excluded IN (0, 1));
