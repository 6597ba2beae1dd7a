{{%AUTOESCAPE context="HTML"}}{{#CASE}}<nav class="crumbs" aria-label="Breadcrumb"><a href="{{CASES_URL}}">Cases</a> <span aria-hidden="true">/</span> <span aria-current="page">This case</span></nav>
<div class="toolbar">
  <h1>{{NAME}}</h1>
  <div class="actions tight">
    <a class="button" href="{{EDIT_URL}}">Edit</a>
    {{#CAN_DELETE}}<a class="button danger" href="{{DELETE_URL}}">Delete</a>{{/CAN_DELETE}}
  </div>
</div>
<p class="badges">
  <span class="badge status-{{STATUS_SLUG}}">{{STATUS}}</span>
  <span class="badge prio-{{PRIORITY_SLUG}}">{{PRIORITY}} priority</span>
  {{#HAS_CASE_TYPE}}<span class="badge plain">{{CASE_TYPE}}</span>{{/HAS_CASE_TYPE}}
</p>
<div class="grid case-grid">
<div class="stack">
  <section class="card" aria-labelledby="description-title">
    <h2 id="description-title">Description</h2>
    {{#HAS_DESCRIPTION}}<div class="prose">{{#DESCRIPTION_SEG}}{{#SEG_TEXT}}{{SEG_VALUE:pre_escape}}{{/SEG_TEXT}}{{#SEG_LINK}}<a href="{{SEG_VALUE}}" rel="noopener nofollow">{{SEG_VALUE}}</a>{{/SEG_LINK}}{{#SEG_MENTION}}<span class="mention" title="{{SEG_EMAIL}}">@{{SEG_NAME}}</span>{{/SEG_MENTION}}{{/DESCRIPTION_SEG}}</div>{{/HAS_DESCRIPTION}}
    {{#NO_DESCRIPTION}}<p class="muted">No description.</p>{{/NO_DESCRIPTION}}
  </section>

  <section class="card" id="comments" aria-labelledby="comments-title">
    <h2 id="comments-title">Comments <span class="count" id="comment-count">{{COMMENT_COUNT}}</span></h2>
    {{#COMMENT_PAGES}}<nav class="actions tight" aria-label="Pages of comments">{{#NEXT}}<a href="{{URL}}" rel="next">Show older comments</a>{{/NEXT}}{{#PREV}}<a href="{{URL}}" rel="prev">Show newer comments</a>{{/PREV}}</nav>{{/COMMENT_PAGES}}
    <ol class="thread" id="comment-thread">
      {{#COMMENT}}<li class="comment" id="comment-{{ID}}">
        <p class="meta"><strong>{{#HAS_COMMENTED_BY_NAME}}{{COMMENTED_BY_NAME}}{{/HAS_COMMENTED_BY_NAME}}{{#NO_COMMENTED_BY_NAME}}{{COMMENTED_BY_EMAIL}}{{/NO_COMMENTED_BY_NAME}}</strong>
          <time datetime="{{COMMENTED_ON}}">{{COMMENTED_ON_TEXT}}</time></p>
        <div class="prose">{{#COMMENT_SEG}}{{#SEG_TEXT}}{{SEG_VALUE:pre_escape}}{{/SEG_TEXT}}{{#SEG_LINK}}<a href="{{SEG_VALUE}}" rel="noopener nofollow">{{SEG_VALUE}}</a>{{/SEG_LINK}}{{#SEG_MENTION}}<span class="mention" title="{{SEG_EMAIL}}">@{{SEG_NAME}}</span>{{/SEG_MENTION}}{{/COMMENT_SEG}}</div>
        {{#COMMENT_EDIT}}<a class="small-link" href="{{URL}}">Edit<span class="visually-hidden"> this comment</span></a>{{/COMMENT_EDIT}}
        {{#COMMENT_DELETE}}<a class="danger-link" href="{{URL}}">Delete<span class="visually-hidden"> this comment</span></a>{{/COMMENT_DELETE}}
      </li>{{/COMMENT}}
    </ol>
    <p class="muted" id="no-comments"{{#HAS_COMMENTS}} hidden{{/HAS_COMMENTS}}>No comments yet.</p>
    <form method="post" action="{{COMMENT_ACTION}}" class="form comment-form" id="comment-form" data-case="{{ID}}" data-org="{{ORG}}" novalidate>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="version" value="{{VERSION}}">
      <div class="field{{#COMMENT_ERROR}} invalid{{/COMMENT_ERROR}}">
        <label for="comment">Add a comment</label>
        <textarea id="comment" name="comment" maxlength="10000" aria-describedby="comment-hint comment-error"{{#COMMENT_ERROR}} aria-invalid="true"{{/COMMENT_ERROR}}>
{{COMMENT_TEXT:pre_escape}}</textarea>
        <p class="hint" id="comment-hint">Mention a member by typing @ and their email address.</p>
        <p class="error" id="comment-error">{{#COMMENT_ERROR}}{{MESSAGE}}{{/COMMENT_ERROR}}</p>
      </div>
      <button type="submit" class="primary">Post comment</button>
      <p class="status-line" id="comment-status" role="status"></p>
    </form>
    {{#HAS_MENTIONS}}<details class="mentions">
      <summary>Members you can mention</summary>
      <ul id="mention-users">{{#MENTION}}<li data-email="{{EMAIL}}" data-name="{{NAME}}">{{#HAS_NAME}}{{NAME}} {{/HAS_NAME}}<span class="muted">@{{EMAIL}}</span></li>{{/MENTION}}</ul>
    </details>{{/HAS_MENTIONS}}
  </section>

  <section class="card" id="attachments" aria-labelledby="attachments-title">
    <h2 id="attachments-title">Attachments</h2>
    {{#NO_ATTACHMENT}}<p class="muted">No attachments.</p>{{/NO_ATTACHMENT}}
    <ul class="files">
      {{#ATTACHMENT}}<li>
        <a href="{{ATTACHMENT}}" download>{{FILE_NAME}}</a>
        <span class="muted">{{SIZE_TEXT}}, uploaded by {{#HAS_CREATED_BY_NAME}}{{CREATED_BY_NAME}}{{/HAS_CREATED_BY_NAME}}{{#NO_CREATED_BY_NAME}}{{CREATED_BY_EMAIL}}{{/NO_CREATED_BY_NAME}} <time datetime="{{CREATED_ON}}">{{CREATED_ON_TEXT}}</time></span>
        {{#CAN_DELETE}}<a class="danger-link" href="{{DELETE_ACTION}}" data-delete-file="{{FILE_NAME}}">Delete<span class="visually-hidden"> {{FILE_NAME}}</span></a>{{/CAN_DELETE}}
      </li>{{/ATTACHMENT}}
    </ul>
    {{#ATTACHMENT_PAGES}}<nav class="actions tight" aria-label="Pages of attachments">{{#PREV}}<a href="{{URL}}" rel="prev">Show earlier attachments</a>{{/PREV}}{{#NEXT}}<a href="{{URL}}" rel="next">Show later attachments</a>{{/NEXT}}</nav>{{/ATTACHMENT_PAGES}}
    <form method="post" action="{{UPLOAD_ACTION}}" enctype="multipart/form-data" class="form upload-form">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <div class="field{{#FILE_ERROR}} invalid{{/FILE_ERROR}}">
        <label for="file">Attach files</label>
        <input type="file" id="file" name="file" multiple data-max-bytes="{{MAX_UPLOAD}}" aria-describedby="file-hint file-error"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}>
        <p class="hint" id="file-hint">Up to {{UPLOAD_LIMIT}} in all.</p>
        <p class="error" id="file-error">{{#FILE_ERROR}}{{MESSAGE}}{{/FILE_ERROR}}</p>
      </div>
      <button type="submit">Upload</button>
    </form>
  </section>

  <section class="card" id="history" aria-labelledby="history-title">
    <h2 id="history-title">History</h2>
    {{#NO_HISTORY}}<p class="muted">No changes yet.</p>{{/NO_HISTORY}}
    <ol class="history">
      {{#EVENT}}<li>
        <p class="meta"><strong>{{#HAS_ACTOR_NAME}}{{ACTOR_NAME}}{{/HAS_ACTOR_NAME}}{{#NO_ACTOR_NAME}}{{ACTOR_EMAIL}}{{/NO_ACTOR_NAME}}</strong> {{ACTION}}{{#DETAIL}} <span class="file">{{TEXT}}</span>{{/DETAIL}}
          <time datetime="{{CREATED_ON}}">{{CREATED_ON_TEXT}}</time></p>
        {{#VALUES}}<p class="change"><span class="old{{#HAS_OLD_VALUE}} was{{/HAS_OLD_VALUE}}">{{#HAS_OLD_VALUE}}{{OLD_VALUE}}{{/HAS_OLD_VALUE}}{{#NO_OLD_VALUE}}(none){{/NO_OLD_VALUE}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">to</span> <span class="new">{{#HAS_NEW_VALUE}}{{NEW_VALUE}}{{/HAS_NEW_VALUE}}{{#NO_NEW_VALUE}}(none){{/NO_NEW_VALUE}}</span></p>{{/VALUES}}
      </li>{{/EVENT}}
    </ol>
    {{#HISTORY_PAGES}}<nav class="actions tight" aria-label="Pages of history">{{#PREV}}<a href="{{URL}}" rel="prev">Show newer history</a>{{/PREV}}{{#NEXT}}<a href="{{URL}}" rel="next">Show older history</a>{{/NEXT}}</nav>{{/HISTORY_PAGES}}
  </section>
</div>

<aside class="stack" aria-label="Case facts">
  {{#QUICK}}<section class="card quick" id="quick" aria-labelledby="quick-title">
    <h2 id="quick-title">Quick changes</h2>
    <div class="actions tight quick-buttons">
      {{#ASSIGN_ME}}<form method="post" action="{{ACTION}}"><input type="hidden" name="csrf_token" value="{{CSRF}}"><input type="hidden" name="version" value="{{VERSION}}">{{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/HIDDEN}}<button type="submit">Assign to me</button></form>{{/ASSIGN_ME}}
      {{#CLOSE}}<form method="post" action="{{ACTION}}"><input type="hidden" name="csrf_token" value="{{CSRF}}"><input type="hidden" name="version" value="{{VERSION}}">{{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/HIDDEN}}<button type="submit">Close case</button></form>{{/CLOSE}}
      {{#REOPEN}}<form method="post" action="{{ACTION}}"><input type="hidden" name="csrf_token" value="{{CSRF}}"><input type="hidden" name="version" value="{{VERSION}}">{{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/HIDDEN}}<button type="submit">Reopen case</button></form>{{/REOPEN}}
    </div>
    {{#FORM}}<form method="post" action="{{ACTION}}" class="form quick-form" id="quick-form">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="version" value="{{VERSION}}">
      {{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
      {{/HIDDEN}}
      {{>QUICK_FIELDS}}
      <button type="submit" class="primary">Save changes</button>
    </form>{{/FORM}}
  </section>{{/QUICK}}
  <section class="card" aria-labelledby="facts-title">
    <h2 id="facts-title">Details</h2>
    <dl class="facts">
      <dt>Status</dt><dd>{{STATUS}}</dd>
      <dt>Priority</dt><dd>{{PRIORITY}}</dd>
      <dt>Type</dt><dd>{{#HAS_CASE_TYPE}}{{CASE_TYPE}}{{/HAS_CASE_TYPE}}{{#NO_CASE_TYPE}}<span class="muted">None</span>{{/NO_CASE_TYPE}}</dd>
      <dt>Account</dt><dd>{{#HAS_ACCOUNT}}<a href="{{ACCOUNT_URL}}">{{ACCOUNT_NAME}}</a>{{/HAS_ACCOUNT}}{{#NO_ACCOUNT}}<span class="muted">None</span>{{/NO_ACCOUNT}}</dd>
      <dt>Created</dt><dd><time datetime="{{CREATED_ON}}">{{CREATED_ON_TEXT}}</time>{{#HAS_CREATED_BY}} by {{CREATOR}}{{/HAS_CREATED_BY}}</dd>
      <dt>Updated</dt><dd><time datetime="{{UPDATED_ON}}">{{UPDATED_ON_TEXT}}</time></dd>
      <dt>Closed</dt><dd>{{#HAS_CLOSED_ON}}<time datetime="{{CLOSED_ON}}">{{CLOSED_ON_TEXT}}</time>{{/HAS_CLOSED_ON}}{{#NO_CLOSED_ON}}<span class="muted">Open</span>{{/NO_CLOSED_ON}}</dd>
    </dl>
  </section>
  <section class="card" aria-labelledby="assignees-title">
    <h2 id="assignees-title">Assignees</h2>
    {{#NO_ASSIGNEE}}<p class="muted">Unassigned.</p>{{/NO_ASSIGNEE}}
    <ul class="plain">{{#ASSIGNEE}}<li>{{#HAS_NAME}}{{NAME}} <span class="muted sub">{{EMAIL}}</span>{{/HAS_NAME}}{{#NO_NAME}}{{EMAIL}}{{/NO_NAME}}</li>{{/ASSIGNEE}}</ul>
  </section>
  <section class="card" aria-labelledby="teams-title">
    <h2 id="teams-title">Teams</h2>
    {{#NO_TEAM}}<p class="muted">No teams.</p>{{/NO_TEAM}}
    <ul class="plain">{{#TEAM}}<li>{{NAME}}</li>{{/TEAM}}</ul>
  </section>
  <section class="card" aria-labelledby="contacts-title">
    <h2 id="contacts-title">Contacts</h2>
    {{#NO_CONTACTS}}<p class="muted">No contacts.</p>{{/NO_CONTACTS}}
    <ul class="plain">{{#CONTACT}}<li><a href="{{URL}}">{{FIRST_NAME}} {{LAST_NAME}}</a>{{#HAS_EMAIL}} <span class="muted sub">{{EMAIL}}</span>{{/HAS_EMAIL}}</li>{{/CONTACT}}</ul>
  </section>
</aside>
</div>{{/CASE}}
