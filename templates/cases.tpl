{{%AUTOESCAPE context="HTML"}}<div class="queue">
{{#VIEWS}}
<nav class="views" id="views" aria-label="Views">
  <h2 class="views-title">Views</h2>
  <ul class="view-list">
    {{#BUILTIN}}<li><a class="view" href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}} <span class="count">{{COUNT}}</span></a></li>{{/BUILTIN}}
  </ul>
  {{#SAVED_LIST}}
  <h2 class="views-title">Saved views</h2>
  <ul class="view-list saved" id="saved-views">
    {{#SAVED}}<li><a class="view" href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}{{#SHARED}} <span class="tag">shared</span>{{/SHARED}} <span class="count">{{COUNT}}</span></a>{{#DELETE}}<a class="view-delete" href="{{URL}}">Delete<span class="visually-hidden"> the view {{LABEL}}</span></a>{{/DELETE}}</li>{{/SAVED}}
  </ul>
  {{/SAVED_LIST}}
</nav>
{{/VIEWS}}
<div class="queue-main">
<div class="toolbar">
  <h1>{{HEADING}}</h1>
  <a class="button" href="{{EXPORT_URL}}" download>Export CSV</a>
  <a class="button primary" href="/cases/new">New case</a>
</div>
<form class="card filters" method="get" action="/cases" role="search" aria-label="Filter cases" id="case-filters">
  <div class="field search-field">
    <label for="f-q">Search cases</label>
    <input type="search" id="f-q" name="q" value="{{Q}}" autocomplete="off" aria-controls="results" data-live
           aria-describedby="q-hint q-error"{{#Q_INVALID}} aria-invalid="true"{{/Q_INVALID}}>
    <div id="q-error" class="error">{{#Q_ERROR}}<p>{{MESSAGE}}</p>{{/Q_ERROR}}</div>
    <p class="hint" id="q-hint">Searches names, descriptions, comments and attachments. <a href="#search-help">Search syntax</a></p>
  </div>
  <details class="search-help" id="search-help">
    <summary>Search syntax</summary>
    <dl>
      <dt><code>printer jam</code></dt><dd>cases with both words (any form: accents and case do not matter; the last word also matches as the start of a word while you type)</dd>
      <dt><code>"charged twice"</code></dt><dd>the words together, in this order</dd>
      <dt><code>refund OR credit</code></dt><dd>either word</dd>
      <dt><code>-spam</code></dt><dd>without this word</dd>
      <dt><code>status:open</code>, <code>status:"on hold"</code></dt><dd>open (not closed) cases, or a status</dd>
      <dt><code>priority:high</code>, <code>type:billing</code></dt><dd>a priority, a case type (several terms of one field: any of them)</dd>
      <dt><code>assignee:me</code>, <code>assignee:none</code>, <code>assignee:ana@example.com</code></dt><dd>assigned to you, to nobody, to a member (email or name)</dd>
      <dt><code>team:"Tier 2"</code>, <code>account:Globex</code></dt><dd>a team, an account (its name, or part of it when only one matches)</dd>
      <dt><code>created:&gt;2026-01-01</code>, <code>updated:&lt;7d</code></dt><dd>created after a day (UTC; also <code>&lt;</code>, <code>&lt;=</code>, <code>&gt;=</code>, or a day alone), updated within the last 7 days (or hours: <code>12h</code>)</dd>
    </dl>
    <p>Put a word holding a colon in quotes (<code>"error:404"</code>) to search for it as text.</p>
  </details>
  <details class="filter-panel" id="filter-panel" open>
  <summary>Filters and order</summary>
  <div class="filter-grid">
    <div class="field">
      <label for="f-name">Name contains</label>
      <input type="search" id="f-name" name="name" value="{{NAME}}" autocomplete="off" aria-controls="results" data-live>
    </div>
    <div class="field">
      <label for="f-status">Status</label>
      <select id="f-status" name="status">
        <option value="">Any status</option>
        {{#STATUS_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/STATUS_OPT}}
      </select>
    </div>
    <div class="field">
      <label for="f-priority">Priority</label>
      <select id="f-priority" name="priority">
        <option value="">Any priority</option>
        {{#PRIORITY_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/PRIORITY_OPT}}
      </select>
    </div>
    <div class="field">
      <label for="f-type">Type</label>
      <select id="f-type" name="case_type">
        <option value="">Any type</option>
        {{#TYPE_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/TYPE_OPT}}
      </select>
    </div>
    <div class="field">
      <label for="f-assignee">Assignee</label>
      <select id="f-assignee" name="assigned_to">
        <option value="">Anyone</option>
        {{! options rendered, and escaped, by case_options.tpl }}{{ASSIGNEE_OPTIONS:none}}
      </select>
    </div>
    {{#ASSIGNEE_FIND}}<div class="field">
      <label for="f-assignee-q">Find an assignee by name or email</label>
      <input type="search" id="f-assignee-q" name="assigned_to_q" value="{{TEXT}}" autocomplete="off">
    </div>{{/ASSIGNEE_FIND}}
    <div class="field">
      <label for="f-account">Account</label>
      <select id="f-account" name="account">
        <option value="">Any account</option>
        {{ACCOUNT_OPTIONS:none}}
      </select>
    </div>
    {{#ACCOUNT_FIND}}<div class="field">
      <label for="f-account-q">Find an account by name</label>
      <input type="search" id="f-account-q" name="account_q" value="{{TEXT}}" autocomplete="off">
    </div>{{/ACCOUNT_FIND}}
    <div class="field">
      <label for="f-team">Team</label>
      <select id="f-team" name="team">
        <option value="">Any team</option>
        {{TEAM_OPTIONS:none}}
      </select>
    </div>
    {{#TEAM_FIND}}<div class="field">
      <label for="f-team-q">Find a team by name</label>
      <input type="search" id="f-team-q" name="team_q" value="{{TEXT}}" autocomplete="off">
    </div>{{/TEAM_FIND}}
    <div class="field">
      <label for="f-resolution">Open or closed</label>
      <select id="f-resolution" name="resolution">
        <option value="">Open and closed</option>
        <option value="open"{{#RES_OPEN}} selected{{/RES_OPEN}}>Open</option>
        <option value="closed"{{#RES_CLOSED}} selected{{/RES_CLOSED}}>Closed</option>
      </select>
    </div>
    <div class="field">
      <label for="f-ordering">Sort by</label>
      <select id="f-ordering" name="ordering">
        {{#ORDER_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ORDER_OPT}}
      </select>
    </div>
    <div class="field">
      <label for="f-limit">Per page</label>
      <select id="f-limit" name="limit">
        {{#LIMIT_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/LIMIT_OPT}}
      </select>
    </div>
    <div class="field">
      <label for="f-updated-after">Updated on or after</label>
      <input type="{{UPDATED_AFTER_TYPE}}" id="f-updated-after" name="updated_after" value="{{UPDATED_AFTER}}">
    </div>
    <div class="field">
      <label for="f-updated-before">Updated before</label>
      <input type="{{UPDATED_BEFORE_TYPE}}" id="f-updated-before" name="updated_before" value="{{UPDATED_BEFORE}}">
    </div>
    <div class="field check">
      <input type="checkbox" id="f-mine" name="mine" value="1"{{#MINE}} checked{{/MINE}}>
      <label for="f-mine">Only my cases (assigned to me or created by me)</label>
    </div>
    <div class="field check">
      <input type="checkbox" id="f-my-teams" name="my_teams" value="1"{{#MY_TEAMS}} checked{{/MY_TEAMS}}>
      <label for="f-my-teams">Only cases of my teams</label>
    </div>
    <div class="field check">
      <input type="checkbox" id="f-unassigned" name="unassigned" value="true"{{#UNASSIGNED}} checked{{/UNASSIGNED}}>
      <label for="f-unassigned">Only unassigned cases</label>
    </div>
  </div>
  </details>
  <div class="actions">
    <button type="submit" class="primary">Apply filters</button>
    <a class="button" href="/cases">Clear filters</a>
  </div>
</form>
<p class="result-count" id="result-count" role="status">{{#ABOUT}}About {{/ABOUT}}{{#ONE}}1 case{{/ONE}}{{#MANY}}{{COUNT}} cases{{/MANY}}</p>
<div id="results">
{{#ERRORS}}
<div class="alert" role="alert">
  <p>These filters cannot be applied:</p>
  <ul>{{#ERROR}}<li><strong>{{FIELD}}</strong>: {{MESSAGE}}</li>{{/ERROR}}</ul>
</div>
{{/ERRORS}}
{{#RESULTS}}
<nav class="status-counts" aria-label="Cases by status">
  <ul>
    <li><a href="{{ALL_URL}}"{{#ALL_CURRENT}} aria-current="page"{{/ALL_CURRENT}}>All statuses <span class="count">{{ALL_COUNT}}</span></a></li>
    {{#STATUS_COUNT}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}><span class="dot status-{{SLUG}}" aria-hidden="true"></span>{{STATUS}} <span class="count">{{COUNT}}</span></a></li>{{/STATUS_COUNT}}
  </ul>
</nav>
{{#HAS_ROWS}}
<form method="post" action="{{BULK_ACTION}}" id="bulk-form" class="bulk-form">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
<input type="hidden" name="back" value="{{BULK_BACK}}">
<div class="bulk-select"><input type="checkbox" id="bulk-all" name="all_on_page" value="1"><label for="bulk-all">Select all cases on this page</label></div>
<table class="list responsive cases">
  <caption class="visually-hidden">Cases, {{FROM}} to {{TO}} of {{COUNT}}</caption>
  <thead>
    <tr>
      <th scope="col" class="pick"><span class="visually-hidden">Select</span></th>
      {{#COL}}<th scope="col"{{#SORTED}} aria-sort="{{DIR}}"{{/SORTED}}>{{#SORTABLE}}<a class="sort" href="{{URL}}">{{LABEL}}</a>{{/SORTABLE}}{{#PLAIN}}{{LABEL}}{{/PLAIN}}</th>{{/COL}}
    </tr>
  </thead>
  <tbody>
    {{#ROW}}<tr>
      <td class="pick"><input type="checkbox" name="ids" value="{{ID}}" id="pick-{{ID}}" class="bulk-pick"><label for="pick-{{ID}}" class="visually-hidden">Select {{NAME}}</label><input type="hidden" name="page_ids" value="{{ID}}"></td>
      <td data-label="Name" class="name"><a href="{{URL}}">{{NAME}}</a>{{#HAS_HIGHLIGHT}}<p class="snippet">{{#HIGHLIGHT}}{{#MATCH}}<mark>{{TEXT}}</mark>{{/MATCH}}{{#NO_MATCH}}{{TEXT}}{{/NO_MATCH}}{{/HIGHLIGHT}}</p>{{/HAS_HIGHLIGHT}}</td>
      <td data-label="Status"><span class="badge status-{{STATUS_SLUG}}">{{STATUS}}</span></td>
      <td data-label="Priority"><span class="badge prio-{{PRIORITY_SLUG}}">{{PRIORITY}}</span></td>
      <td data-label="Type">{{CASE_TYPE}}{{#NO_CASE_TYPE}}<span class="muted">None</span>{{/NO_CASE_TYPE}}</td>
      <td data-label="Account">{{#ACCOUNT_NAME}}<a href="{{URL}}">{{NAME}}</a>{{/ACCOUNT_NAME}}{{#NO_ACCOUNT}}<span class="muted">None</span>{{/NO_ACCOUNT}}</td>
      <td data-label="Assignees">{{#ASSIGNEE}}<span class="person">{{LABEL}}</span>{{/ASSIGNEE}}{{#NO_ASSIGNED_TO}}<span class="muted">Unassigned</span>{{/NO_ASSIGNED_TO}}</td>
      <td data-label="Updated"><time class="ago" datetime="{{UPDATED_ON}}" title="{{UPDATED_ON_TEXT}}">{{UPDATED_AGO}}</time></td>
      <td data-label="Age"><time class="ago" datetime="{{CREATED_ON}}" title="Created {{CREATED_ON_TEXT}}">{{AGE}}</time></td>
    </tr>{{/ROW}}
  </tbody>
</table>
<fieldset class="card bulk-bar" id="bulk-bar" aria-describedby="bulk-hint">
  <legend>Change the selected cases</legend>
  <p class="hint" id="bulk-hint"><span id="bulk-count" aria-live="polite">Tick cases in the list</span>, choose one or more changes, then apply them.</p>
  <div class="bulk-grid">
    <div class="field">
      <label for="b-status">Set status</label>
      <select id="b-status" name="set_status"><option value="">Keep status</option>{{#BULK_STATUS}}<option value="{{VALUE}}">{{VALUE}}</option>{{/BULK_STATUS}}</select>
    </div>
    <div class="field">
      <label for="b-priority">Set priority</label>
      <select id="b-priority" name="set_priority"><option value="">Keep priority</option>{{#BULK_PRIORITY}}<option value="{{VALUE}}">{{VALUE}}</option>{{/BULK_PRIORITY}}</select>
    </div>
    <div class="field">
      <label for="b-assign">Assign</label>
      <select id="b-assign" name="assign"><option value="">Nobody more</option>{{! escaped by case_options.tpl }}{{BULK_MEMBERS:none}}</select>
    </div>
    <div class="field">
      <label for="b-unassign">Unassign</label>
      <select id="b-unassign" name="unassign"><option value="">Nobody</option>{{BULK_MEMBERS:none}}</select>
    </div>
    <div class="field">
      <label for="b-add-team">Add team</label>
      <select id="b-add-team" name="add_team"><option value="">No team</option>{{BULK_TEAMS:none}}</select>
    </div>
    <div class="field">
      <label for="b-remove-team">Remove team</label>
      <select id="b-remove-team" name="remove_team"><option value="">No team</option>{{BULK_TEAMS:none}}</select>
    </div>
  </div>
  <div class="actions tight">
    <button type="submit" class="primary" name="action" value="apply">Apply to selected</button>
    <button type="submit" name="action" value="close">Close selected</button>
  </div>
</fieldset>
</form>
{{/HAS_ROWS}}
{{#NO_ROWS}}<div class="card empty"><p>No cases match these filters.</p>{{#PREV}}<p><a href="{{URL}}">Back to the previous page</a></p>{{/PREV}}</div>{{/NO_ROWS}}
{{#PAGES}}
<nav class="pagination" aria-label="Pages">
  {{#PREV}}<a class="button" href="{{URL}}" rel="prev">Previous page</a>{{/PREV}}
  <span class="muted">Cases {{FROM}} to {{TO}} of {{COUNT}}</span>
  {{#NEXT}}<a class="button" href="{{URL}}" rel="next">Next page</a>{{/NEXT}}
</nav>
{{/PAGES}}
{{/RESULTS}}
{{#SAVE_VIEW}}
<details class="card save-view" id="save-view">
  <summary>Save this view</summary>
  <form method="post" action="{{ACTION}}" id="save-view-form">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input type="hidden" name="query" value="{{QUERY}}">
    <div class="field" id="view-name-field">
      <label for="view-name">Name of the view</label>
      <input type="text" id="view-name" name="name" required maxlength="100" aria-describedby="view-name-error">
      <p class="error" id="view-name-error"></p>
    </div>
    <div class="field check">
      <input type="checkbox" id="view-shared" name="shared" value="true">
      <label for="view-shared">Share with the organization</label>
    </div>
    <div class="actions"><button type="submit" class="primary">Save view</button></div>
    <p class="muted" id="save-view-status" role="status"></p>
  </form>
</details>
{{/SAVE_VIEW}}
</div>
</div>
</div>
