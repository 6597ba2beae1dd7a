{{%AUTOESCAPE context="HTML"}}{{#WELCOME}}{{#DASHBOARD}}<div class="toolbar">
  <h1>Dashboard</h1>
  <p class="actions"><a class="button primary" href="{{QUEUE_URL}}">Open the case queue</a> <a class="button" href="/cases/new">New case</a></p>
</div>{{/DASHBOARD}}{{#NO_ORG}}<h1>casedesk</h1>{{/NO_ORG}}
<p class="lead">Signed in as {{EMAIL}}{{#IN_ORG}} in <strong>{{ORG_NAME}}</strong> ({{ROLE}}){{/IN_ORG}}.</p>
{{#NO_ORG}}<p class="no-org">You are not working in any organization. Accept an invitation below, choose one of your organizations above, ask an administrator to invite you, or create one through the API (<code>POST /api/org/</code>).</p>{{/NO_ORG}}
{{#DASHBOARD}}
<section class="dashboard" aria-label="Open cases">
  <ul class="tiles">
    {{#MINE}}<li class="tile"><a href="{{URL}}" id="tile-mine"><span class="tile-count">{{COUNT}}</span> <span class="tile-label">My open {{#ONE}}case{{/ONE}}{{#MANY}}cases{{/MANY}}<span class="sub">assigned to me or created by me</span></span></a></li>{{/MINE}}
    {{#UNASSIGNED}}<li class="tile"><a href="{{URL}}" id="tile-unassigned"><span class="tile-count">{{COUNT}}</span> <span class="tile-label">Unassigned open {{#ONE}}case{{/ONE}}{{#MANY}}cases{{/MANY}}<span class="sub">waiting for someone to take them</span></span></a></li>{{/UNASSIGNED}}
  </ul>
  <div class="backlogs">
    {{#BY_STATUS}}<section class="card backlog" aria-labelledby="by-status-title" id="by-status">
      <h2 id="by-status-title">Open backlog by status <span class="muted">({{TOTAL}})</span></h2>
      <ul class="backlog-list">
        {{#ROW}}<li><a href="{{URL}}"><span class="backlog-label"><span class="dot status-{{SLUG}}" aria-hidden="true"></span>{{LABEL}}</span> <span class="backlog-count">{{COUNT}}</span><svg class="meter" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="meter-track" x="0" y="0" width="100" height="6"></rect><rect class="meter-bar status-{{SLUG}}" x="0" y="0" width="{{METER}}" height="6"></rect></svg></a></li>{{/ROW}}
      </ul>
    </section>{{/BY_STATUS}}
    {{#BY_PRIORITY}}<section class="card backlog" aria-labelledby="by-priority-title" id="by-priority">
      <h2 id="by-priority-title">Open backlog by priority <span class="muted">({{TOTAL}})</span></h2>
      <ul class="backlog-list">
        {{#ROW}}<li><a href="{{URL}}"><span class="backlog-label"><span class="dot prio-{{SLUG}}" aria-hidden="true"></span>{{LABEL}}</span> <span class="backlog-count">{{COUNT}}</span><svg class="meter" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="meter-track" x="0" y="0" width="100" height="6"></rect><rect class="meter-bar prio-{{SLUG}}" x="0" y="0" width="{{METER}}" height="6"></rect></svg></a></li>{{/ROW}}
      </ul>
    </section>{{/BY_PRIORITY}}
  </div>
  {{#CHART}}<section class="card chart" aria-labelledby="per-day-title" id="per-day">
    <h2 id="per-day-title">Cases created and closed per day</h2>
    <p class="muted" id="per-day-summary">The last {{DAYS}} days (UTC): {{CREATED}} created, {{CLOSED}} closed.</p>
    <ul class="legend" aria-hidden="true"><li><span class="swatch created"></span>Created</li><li><span class="swatch closed"></span>Closed</li></ul>
    <svg class="bars" viewBox="0 0 {{WIDTH}} {{HEIGHT}}" role="img" aria-labelledby="per-day-title per-day-summary" focusable="false">
      <line class="axis" x1="{{LEFT}}" y1="{{BASE}}" x2="{{RIGHT}}" y2="{{BASE}}"></line>
      <line class="grid" x1="{{LEFT}}" y1="{{TOP}}" x2="{{RIGHT}}" y2="{{TOP}}"></line>
      <text class="tick" x="{{LEFT}}" y="{{MAX_Y}}" dx="-4" text-anchor="end">{{MAX}}</text>
      <text class="tick" x="{{LEFT}}" y="{{BASE}}" dx="-4" text-anchor="end">0</text>
      {{#DAY}}<g>{{#CREATED_BAR}}<rect class="bar created" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}"><title>{{DATE}}: {{CREATED}} created</title></rect>{{/CREATED_BAR}}{{#CLOSED_BAR}}<rect class="bar closed" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}"><title>{{DATE}}: {{CLOSED}} closed</title></rect>{{/CLOSED_BAR}}{{#LABEL}}<text class="tick" x="{{X}}" y="{{Y}}" text-anchor="middle">{{TEXT}}</text>{{/LABEL}}</g>{{/DAY}}
    </svg>
    <details class="chart-table">
      <summary>The numbers per day, as a table</summary>
      <table class="list compact" id="per-day-table">
        <caption>Cases created and closed per day, the last {{DAYS}} days (UTC)</caption>
        <thead><tr><th scope="col">Day</th><th scope="col">Created</th><th scope="col">Closed</th></tr></thead>
        <tbody>{{#DAY}}<tr><th scope="row">{{DATE}}</th><td>{{CREATED}}</td><td>{{CLOSED}}</td></tr>{{/DAY}}</tbody>
      </table>
    </details>
  </section>{{/CHART}}
</section>
{{/DASHBOARD}}
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
<h1>casedesk</h1>
<p class="lead">Support cases for teams: track, assign, discuss and close them, from the browser or the JSON API.</p>
<p><a class="button primary" href="/login">Sign in</a></p>
{{/ANON}}
<ul class="links">
  <li><a href="/healthz">Service health</a></li>
</ul>
