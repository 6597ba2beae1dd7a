-- 014_invitations.sql: membership by consent, and the organization a user last worked in.
-- An ADMIN adding an email to an organization records an invitation; only the user with that email, signed in,
-- turns it into a membership (accept) or refuses it (decline); the ADMIN may revoke it while it is pending.
-- A decided invitation stays as a record, and the email may be invited again.
CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    role        text NOT NULL CHECK (role IN ('ADMIN', 'USER')),
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    invited_by  uuid REFERENCES users(id) ON DELETE SET NULL,
    created_on  timestamptz NOT NULL DEFAULT now(),
    decided_on  timestamptz,
    CHECK ((status = 'pending') = (decided_on IS NULL))
);
-- One pending invitation per organization and email; the invitee's list reads by email.
CREATE UNIQUE INDEX invitations_pending ON invitations (org_id, email) WHERE status = 'pending';
CREATE INDEX invitations_pending_email ON invitations (email) WHERE status = 'pending';

-- Where a browser sign-in opens: set when the user switches to an organization or writes in one.
ALTER TABLE users ADD COLUMN last_org_id uuid REFERENCES orgs(id) ON DELETE SET NULL;
