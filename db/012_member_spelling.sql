-- Members found by name or pinyin at the counter (issue 12): each name's pinyin and initials, written
-- with the row by the roster upsert (desk/store/member_search.py), indexed for prefix search.
-- Rows from before these columns are spelled once when the counter opens (spell_members).
ALTER TABLE members ADD COLUMN name_pinyin TEXT;
ALTER TABLE members ADD COLUMN name_initials TEXT;
CREATE INDEX members_by_name ON members(name, member_id);
CREATE INDEX members_by_pinyin ON members(name_pinyin, member_id);
CREATE INDEX members_by_initials ON members(name_initials, member_id);
CREATE INDEX members_unspelled ON members(member_id) WHERE name_pinyin IS NULL;
