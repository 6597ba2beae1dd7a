{{%AUTOESCAPE context="HTML"}}<h1>casedesk</h1>
{{#WELCOME}}
<p class="lead">Signed in as {{EMAIL}}{{#IN_ORG}} in <strong>{{ORG_NAME}}</strong> ({{ROLE}}){{/IN_ORG}}.</p>
{{#IN_ORG}}<p class="actions"><a class="button primary" href="/cases">Open the case queue</a> <a class="button" href="/cases?resolution=open&amp;mine=1&amp;ordering=-priority%2Cupdated_on">My cases</a> <a class="button" href="/cases/new">New case</a></p>{{/IN_ORG}}
{{#NO_ORG}}<p class="no-org">You are not working in any organization. Accept an invitation below, choose one of your organizations above, ask an administrator to invite you, or create one through the API (<code>POST /api/org/</code>).</p>{{/NO_ORG}}
{{#INVITATIONS}}
<section class="card invitations" aria-labelledby="invitations-title">
  <h2 id="invitations-title">Invitations</h2>
  <ul class="invitation-list">
    {{#INVITATION}}<li class="invitation">
      <p>Join <strong>{{ORG_NAME}}</strong> as {{ROLE}}{{#BY}} (invited by {{EMAIL}}){{/BY}}?</p>
      <form method="post" action="{{ACCEPT}}" class="inline">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <button type="submit" class="primary">Accept<span class="visually-hidden"> the invitation to {{ORG_NAME}}</span></button>
      </form>
      <form method="post" action="{{DECLINE}}" class="inline">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <button type="submit">Decline<span class="visually-hidden"> the invitation to {{ORG_NAME}}</span></button>
      </form>
    </li>{{/INVITATION}}
  </ul>
</section>
{{/INVITATIONS}}
{{/WELCOME}}
{{#ANON}}
<p class="lead">Support cases for teams: track, assign, discuss and close them, from the browser or the JSON API.</p>
<p><a class="button primary" href="/login">Sign in</a></p>
{{/ANON}}
<ul class="links">
  <li><a href="/healthz">Service health</a></li>
</ul>
