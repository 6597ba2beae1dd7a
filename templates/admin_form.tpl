{{%AUTOESCAPE context="HTML"}}{{>ADMIN_NAV}}
<div class="toolbar">
  <h1>{{HEADING}}</h1>
  <a href="{{BACK}}">Back to {{PLURAL}}</a>
</div>
<form method="post" action="{{ACTION}}" class="form card form-narrow">
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{>ALERT}}
  {{>FIELDS}}
  <div class="actions">
    <button type="submit" class="primary">{{SUBMIT}}</button>
    <a class="button" href="{{BACK}}">Cancel</a>
    {{#DELETE}}<span class="spacer"></span><a class="button danger" href="{{HREF}}">Delete…</a>{{/DELETE}}
  </div>
</form>
