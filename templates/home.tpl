{{%AUTOESCAPE context="HTML"}}<h1>casedesk</h1>
{{#WELCOME}}
<p class="lead">Signed in as {{EMAIL}}{{#IN_ORG}} in <strong>{{ORG_NAME}}</strong> ({{ROLE}}){{/IN_ORG}}.</p>
{{#IN_ORG}}<p class="actions"><a class="button primary" href="/cases">Open the case queue</a> <a class="button" href="/cases?mine=1">My cases</a> <a class="button" href="/cases/new">New case</a></p>{{/IN_ORG}}
{{#NO_ORG}}<p>You are not an active member of any organization yet. Ask an administrator to add you, or create one through the API (<code>POST /api/org/</code>).</p>{{/NO_ORG}}
{{/WELCOME}}
{{#ANON}}
<p class="lead">Support cases for teams: track, assign, discuss and close them, from the browser or the JSON API.</p>
<p><a class="button primary" href="/login">Sign in</a></p>
{{/ANON}}
<ul class="links">
  <li><a href="/healthz">Service health</a></li>
</ul>
