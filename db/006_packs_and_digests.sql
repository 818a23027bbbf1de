-- Policy packs an administrator installed (`desk policy install FILE`), kept whole with their
-- SHA-256: settling, previewing and the counter use only these and the shipped packs (never a
-- folder given on the command line). The newest install of an id is the one settled under; every
-- one is kept, since settlements name the digest they were made under.
CREATE TABLE policy_packs (
    digest        TEXT PRIMARY KEY,   -- SHA-256 (hex) of content
    pack_id       TEXT NOT NULL,
    content       BLOB NOT NULL,      -- the TOML file as installed
    installed_at  TEXT NOT NULL,
    installed_by  TEXT NOT NULL REFERENCES users(user_id)
);
CREATE INDEX policy_packs_id ON policy_packs(pack_id, installed_at);

CREATE TRIGGER policy_packs_never_edited BEFORE UPDATE ON policy_packs
BEGIN SELECT RAISE(ABORT, 'installed packs are never edited: install a new one'); END;
CREATE TRIGGER policy_packs_never_deleted BEFORE DELETE ON policy_packs
BEGIN SELECT RAISE(ABORT, 'installed packs are never deleted: settlements name them'); END;

-- The digest of the pack each settlement was made under (empty for settlements made before this
-- migration); the hub re-settles an upload under the pack with this digest, or refuses it.
ALTER TABLE settlements ADD COLUMN pack_digest TEXT NOT NULL DEFAULT '';
