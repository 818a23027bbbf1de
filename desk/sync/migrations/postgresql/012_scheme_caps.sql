-- Issue 11: overruns of an own scheme's annual cap (重庆 第六条, scheme_cap; key = the scheme, key_name its
-- label), which two desks may go beyond together as they may a disease's cap. PostgreSQL changes the
-- CHECK in place.
ALTER TABLE hub_overruns DROP CONSTRAINT hub_overruns_kind_check;
ALTER TABLE hub_overruns ADD CONSTRAINT hub_overruns_kind_check
    CHECK (kind IN ('annual_cap', 'account', 'disease_cap', 'inpatient_cap', 'scheme_cap'));
