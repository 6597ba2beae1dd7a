{{%AUTOESCAPE context="HTML"}}{{>ADMIN_NAV}}
<h1>Members</h1>
{{#REFUSED}}<div class="alert" role="alert">{{#PROBLEM}}<p>{{WHO}}: {{MESSAGE}}</p>{{/PROBLEM}}</div>{{/REFUSED}}
<table class="list responsive admin-table members">
  <caption class="visually-hidden">Members of the organization</caption>
  <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
  <tbody>
    {{#MEMBER}}<tr>
      <td data-label="Email">{{EMAIL}}{{#YOU}} <span class="muted">(you)</span>{{/YOU}}</td>
      <td data-label="Name">{{NAME}}</td>
      <td data-label="Role">
        <form method="post" action="{{ACTION}}" class="row-form">
          <input type="hidden" name="csrf_token" value="{{CSRF}}">
          <label class="visually-hidden" for="role-{{ID}}">Role of {{EMAIL}}</label>
          <select id="role-{{ID}}" name="role">{{#ROLE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/ROLE}}</select>
          <button type="submit">Change role<span class="visually-hidden"> of {{EMAIL}}</span></button>
        </form>
      </td>
      <td data-label="Status">{{#ACTIVE}}<span class="badge on">Active</span>{{/ACTIVE}}{{#INACTIVE}}<span class="badge off">Inactive</span>{{/INACTIVE}}</td>
      <td data-label="Actions" class="row-actions">
        <form method="post" action="{{ACTION}}" class="inline">
          <input type="hidden" name="csrf_token" value="{{CSRF}}">
          <input type="hidden" name="is_active" value="{{TOGGLE_VALUE}}">
          <button type="submit">{{TOGGLE}}<span class="visually-hidden"> {{EMAIL}}</span></button>
        </form>
        <a href="{{REMOVE}}">Remove<span class="visually-hidden"> {{EMAIL}}</span></a>
      </td>
    </tr>{{/MEMBER}}
  </tbody>
</table>
{{>PAGER}}
{{#PENDING}}<h2 id="pending-title">Pending invitations</h2>
<table class="list responsive admin-table invitations" aria-labelledby="pending-title">
  <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Invited on</th><th scope="col">Actions</th></tr></thead>
  <tbody>
    {{#INVITATION}}<tr>
      <td data-label="Email">{{EMAIL}}</td>
      <td data-label="Role">{{ROLE}}</td>
      <td data-label="Invited on"><time datetime="{{INVITED_ON}}">{{INVITED_ON}}</time></td>
      <td data-label="Actions" class="row-actions">
        <form method="post" action="{{REVOKE}}" class="inline">
          <input type="hidden" name="csrf_token" value="{{CSRF}}">
          <button type="submit">Revoke<span class="visually-hidden"> the invitation of {{EMAIL}}</span></button>
        </form>
      </td>
    </tr>{{/INVITATION}}
  </tbody>
</table>{{/PENDING}}
<section class="card form-narrow" aria-labelledby="add-title">
  <h2 id="add-title">Invite a member</h2>
  <p class="muted">The person with this email becomes a member, with the role chosen, once they accept the invitation after signing in. When the email has no account yet, the name and password given create one.</p>
  <form method="post" action="/admin/members" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    {{>ALERT}}
  {{>FIELDS}}
    <div class="actions"><button type="submit" class="primary">Invite</button></div>
  </form>
</section>
