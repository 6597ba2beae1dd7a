// crm-lib.mjs: API clients bound to one user and organization, on top of lib.mjs, for the tests of the
// organization-scoped resources (teams, accounts, contacts, cases...).
import { api, inviteAndAccept, newAdmin, uniq } from './lib.mjs';

/** A client for a signed-in user in organization org: { token, org, user, get, post, put, patch, del };
 *  each method is lib.mjs api(method, path, { token, org, body }) and returns its { status, headers, json, text }. */
export function orgClient({ token, org, user }) {
  const send = (method) => (pathname, body) => api(method, pathname, { token, org, body });
  return { token, org, user, get: send('GET'), post: send('POST'), put: send('PUT'), patch: send('PATCH'),
    del: send('DELETE') };
}

/** A fresh organization (name starting with tag) with its ADMIN signed in, as an orgClient. */
export async function newOrgAdmin(tag = 'Org') {
  return orgClient(await newAdmin(`${tag} ${uniq()}`));
}

/** Adds a member with role ADMIN or USER to admin's organization (an invitation through POST /api/users/,
 *  accepted by the new user) and signs them in, as an orgClient of that organization. */
export async function addMember(admin, role = 'USER') {
  const email = `${role.toLowerCase()}-${uniq()}@casedesk.test`;
  const l = await inviteAndAccept(admin, { email, role });
  return orgClient({ token: l.access_token, org: admin.org, user: l.user });
}
