-- 021_case_views.sql: saved views of the case list, a name and the list's query parameters (stored normalised),
-- personal (read by their owner only) or shared with the organization (read by every member).
CREATE TABLE case_views (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    owner_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    shared     boolean NOT NULL DEFAULT false,
    query      text NOT NULL CHECK (length(query) <= 2000),
    created_on timestamptz NOT NULL DEFAULT now()
);
-- A name is unique per owner in an organization, ignoring case; the owner's views are read by this index.
CREATE UNIQUE INDEX case_views_owner_name ON case_views (org_id, owner_id, lower(name));
CREATE INDEX case_views_shared ON case_views (org_id, lower(name)) WHERE shared;
