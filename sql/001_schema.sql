-- 001_schema.sql: the whole casedesk schema: tenants, people, cases and everything hanging off them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE orgs (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    created_on  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name          text NOT NULL DEFAULT '' CHECK (length(name) <= 255),
    password_hash text NOT NULL,
    is_active     boolean NOT NULL DEFAULT true,
    created_on    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('ADMIN', 'USER')),
    is_active   boolean NOT NULL DEFAULT true,
    created_on  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE teams (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    created_on  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, id)
);
CREATE UNIQUE INDEX teams_org_name ON teams (org_id, lower(name));

CREATE TABLE team_members (
    org_id   uuid NOT NULL,
    team_id  uuid NOT NULL,
    user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id),
    FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE accounts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    email       text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone       text NOT NULL DEFAULT '' CHECK (length(phone) <= 64),
    website     text NOT NULL DEFAULT '' CHECK (length(website) <= 1000),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    created_on  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, id)
);
CREATE INDEX accounts_org_created ON accounts (org_id, created_on DESC, id DESC);
CREATE INDEX accounts_name_trgm ON accounts USING gin (name gin_trgm_ops);

CREATE TABLE contacts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    account_id  uuid,
    first_name  text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 255),
    last_name   text NOT NULL DEFAULT '' CHECK (length(last_name) <= 255),
    email       text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone       text NOT NULL DEFAULT '' CHECK (length(phone) <= 64),
    title       text NOT NULL DEFAULT '' CHECK (length(title) <= 255),
    created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    created_on  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, account_id) REFERENCES accounts(org_id, id) ON DELETE SET NULL (account_id)
);
CREATE INDEX contacts_org_created ON contacts (org_id, created_on DESC, id DESC);
CREATE INDEX contacts_account ON contacts (account_id);

CREATE TABLE cases (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 100000),
    status      text NOT NULL CHECK (status IN ('New', 'In Progress', 'On Hold', 'Closed')),
    priority    text NOT NULL CHECK (priority IN ('Low', 'Normal', 'High', 'Critical')),
    case_type   text CHECK (case_type IN ('Technical', 'Billing', 'General', 'Bug Report', 'Feature Request')),
    account_id  uuid,
    created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    created_on  timestamptz NOT NULL DEFAULT now(),
    updated_on  timestamptz NOT NULL DEFAULT now(),
    closed_on   timestamptz,
    version     integer NOT NULL DEFAULT 1,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, account_id) REFERENCES accounts(org_id, id) ON DELETE SET NULL (account_id)
);
CREATE INDEX cases_org_created ON cases (org_id, created_on DESC, id DESC);
CREATE INDEX cases_org_status ON cases (org_id, status, created_on DESC, id DESC);
CREATE INDEX cases_org_priority ON cases (org_id, priority, created_on DESC, id DESC);
CREATE INDEX cases_org_type ON cases (org_id, case_type, created_on DESC, id DESC);
CREATE INDEX cases_org_open ON cases (org_id, created_on DESC, id DESC) WHERE closed_on IS NULL;
CREATE INDEX cases_account ON cases (account_id, created_on DESC, id DESC);
CREATE INDEX cases_created_by ON cases (created_by, created_on DESC);
CREATE INDEX cases_name_trgm ON cases USING gin (name gin_trgm_ops);

CREATE TABLE case_contacts (
    org_id      uuid NOT NULL,
    case_id     uuid NOT NULL,
    contact_id  uuid NOT NULL,
    PRIMARY KEY (case_id, contact_id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX case_contacts_contact ON case_contacts (contact_id);

CREATE TABLE case_assignees (
    org_id   uuid NOT NULL,
    case_id  uuid NOT NULL,
    user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, user_id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE
);
CREATE INDEX case_assignees_user ON case_assignees (user_id, case_id);

CREATE TABLE case_teams (
    org_id   uuid NOT NULL,
    case_id  uuid NOT NULL,
    team_id  uuid NOT NULL,
    PRIMARY KEY (case_id, team_id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE
);
CREATE INDEX case_teams_team ON case_teams (team_id, case_id);

CREATE TABLE case_comments (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL,
    case_id       uuid NOT NULL,
    comment       text NOT NULL CHECK (length(comment) BETWEEN 1 AND 10000),
    commented_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    commented_on  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_on    timestamptz,
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE
);
CREATE INDEX case_comments_case ON case_comments (case_id, commented_on, id);

CREATE TABLE comment_mentions (
    org_id      uuid NOT NULL,
    comment_id  uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (comment_id, user_id),
    FOREIGN KEY (org_id, comment_id) REFERENCES case_comments(org_id, id) ON DELETE CASCADE
);
CREATE INDEX comment_mentions_user ON comment_mentions (user_id);

-- Attachment content, stored once per organization per SHA-256 digest.
CREATE TABLE attachment_blobs (
    org_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    sha256   bytea NOT NULL CHECK (length(sha256) = 32),
    size     bigint NOT NULL CHECK (size >= 0),
    content  bytea NOT NULL,
    PRIMARY KEY (org_id, sha256)
);

CREATE TABLE case_attachments (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL,
    case_id       uuid NOT NULL,
    file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type  text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
    size          bigint NOT NULL CHECK (size >= 0),
    sha256        bytea NOT NULL,
    created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
    created_on    timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, sha256) REFERENCES attachment_blobs(org_id, sha256)
);
CREATE INDEX case_attachments_case ON case_attachments (case_id, created_on);
CREATE INDEX case_attachments_blob ON case_attachments (org_id, sha256);

-- History: who changed which field of a case from what to what, and when.
CREATE TABLE case_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      uuid NOT NULL,
    case_id     uuid NOT NULL,
    actor_id    uuid REFERENCES users(id) ON DELETE SET NULL,
    field       text NOT NULL,
    old_value   text,
    new_value   text,
    created_on  timestamptz NOT NULL DEFAULT clock_timestamp(),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE
);
CREATE INDEX case_events_case ON case_events (case_id, created_on DESC, id DESC);

-- Browser sessions; only a SHA-256 of the cookie value is stored.
CREATE TABLE sessions (
    id_hash     bytea PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id      uuid REFERENCES orgs(id) ON DELETE SET NULL,
    csrf_token  text NOT NULL,
    created_on  timestamptz NOT NULL DEFAULT now(),
    last_seen   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens (access and refresh); only a SHA-256 of each token is stored.
CREATE TABLE api_tokens (
    token_hash  bytea PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('access', 'refresh')),
    family      uuid NOT NULL,
    created_on  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_on  timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE INDEX api_tokens_family ON api_tokens (family);

-- Failed login attempts, keyed by 'email:<address>' or 'ip:<address>', shared by every worker.
CREATE TABLE login_failures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key         text NOT NULL,
    failed_on   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, failed_on DESC);
