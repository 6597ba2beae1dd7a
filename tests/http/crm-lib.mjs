// crm-lib.mjs: API clients bound to one user and organization, on top of lib.mjs, for the tests of the
// organization-scoped resources (teams, accounts, contacts, cases...).
import { api, inviteAndAccept, newAdmin, uniq } from './lib.mjs';

/** A client for a signed-in user in organization org: { token, refresh, org, user, get, post, put, patch, del };
 *  each method is lib.mjs api(method, path, { token, org, body }) and returns its { status, headers, json, text }. */
export function orgClient({ token, org, user, refresh }) {
  const send = (method) => (pathname, body) => api(method, pathname, { token, org, body });
  return { token, refresh, org, user, get: send('GET'), post: send('POST'), put: send('PUT'), patch: send('PATCH'),
    del: send('DELETE') };
}

/** client (an orgClient with its refresh token) as an integration that outlives an access token uses the API:
 *  an answer 401 renews the pair through POST /api/auth/refresh/ (once per stale token, however many requests
 *  saw it at once) and sends the request again. withToken(fn) does the same for a request made by hand:
 *  fn(token) returns its { status, ... }. token is always the current one. */
export function renewing(client) {
  let token = client.token, refresh = client.refresh, pending = null;
  const renew = (stale) => {
    if (token !== stale) return Promise.resolve(true);
    pending ??= api('POST', '/api/auth/refresh/', { body: { refresh_token: refresh } }).then((r) => {
      pending = null;
      if (r.status !== 200) return false;
      token = r.json.access_token;
      refresh = r.json.refresh_token;
      return true;
    });
    return pending;
  };
  const withToken = async (fn) => {
    const sent = token;
    const r = await fn(sent);
    return r.status === 401 && refresh && await renew(sent) ? fn(token) : r;
  };
  const send = (method) => (pathname, body) => withToken((t) => api(method, pathname, { token: t, org: client.org, body }));
  return { get token() { return token; }, org: client.org, user: client.user, withToken, get: send('GET'),
    post: send('POST'), put: send('PUT'), patch: send('PATCH'), del: send('DELETE') };
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
  return orgClient({ token: l.access_token, refresh: l.refresh_token, org: admin.org, user: l.user });
}
