{{%AUTOESCAPE context="HTML"}}<div class="toolbar">
  <h1>Edit comment</h1>
  <a href="{{CANCEL}}">Back to the case</a>
</div>
<form method="post" action="{{ACTION}}" class="form card" novalidate>
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{>ALERT}}
  {{>FIELDS}}
  <div class="actions">
    <button type="submit" class="primary">Save comment</button>
    <a class="button" href="{{CANCEL}}">Cancel</a>
  </div>
</form>
