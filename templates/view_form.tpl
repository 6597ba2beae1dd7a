{{%AUTOESCAPE context="HTML"}}<div class="toolbar">
  <h1>Save this view</h1>
  <a href="{{BACK}}">Back to the cases</a>
</div>
<form method="post" action="{{ACTION}}" class="form card form-narrow">
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  <input type="hidden" name="query" value="{{QUERY}}">
  {{>ALERT}}
  <p>Filters: <code>{{FILTERS}}</code></p>
  {{>FIELDS}}
  <div class="field check">
    <input type="checkbox" id="view-shared" name="shared" value="true"{{#SHARED}} checked{{/SHARED}}>
    <label for="view-shared">Share with the organization</label>
  </div>
  <div class="actions">
    <button type="submit" class="primary">Save view</button>
    <a class="button" href="{{BACK}}">Cancel</a>
  </div>
</form>
