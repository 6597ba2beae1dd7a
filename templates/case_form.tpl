{{%AUTOESCAPE context="HTML"}}<div class="toolbar">
  <h1>{{HEADING}}</h1>
  <a href="{{CANCEL}}">{{CANCEL_LABEL}}</a>
</div>
<form method="post" action="{{ACTION}}" class="form card"{{#MULTIPART}} enctype="multipart/form-data"{{/MULTIPART}}>
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{#VERSION}}<input type="hidden" name="version" value="{{NUMBER}}">{{/VERSION}}
  {{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE:pre_escape}}">
  {{/HIDDEN}}
  {{>ALERT}}
  {{#MERGE}}<section class="conflict" aria-labelledby="conflict-title">
    <h2 id="conflict-title">Someone else changed this case while you were editing it</h2>
    <p>Nothing was saved yet. Your other changes and theirs are both kept; the fields below were changed by both of
      you. Choose which value to keep for each, then save.</p>
    {{#FIELD}}<fieldset class="pick" id="pick-{{NAME}}">
      <legend>{{LABEL}}</legend>
      {{#CHANGED}}<p class="hint">Changed by {{BY}} <time datetime="{{ON}}">{{ON_TEXT}}</time></p>{{/CHANGED}}
      <div class="choice"><input type="radio" id="pick-{{NAME}}-mine" name="pick_{{NAME}}" value="mine" required>
        <label for="pick-{{NAME}}-mine">Keep mine<span class="pre value">{{MINE:pre_escape}}</span></label></div>
      <div class="choice"><input type="radio" id="pick-{{NAME}}-theirs" name="pick_{{NAME}}" value="theirs" required>
        <label for="pick-{{NAME}}-theirs">Take theirs<span class="pre value">{{THEIRS:pre_escape}}</span></label></div>
    </fieldset>
    {{/FIELD}}
    <div class="actions">
      <a class="button" href="{{DISCARD}}">Discard my changes</a>
      <a href="{{RELOAD}}">Edit the current version instead</a>
    </div>
  </section>{{/MERGE}}
  {{#FIELDS}}<div class="grid">
    <div>{{>MAIN}}{{>FILES}}</div>
    <div>{{>SIDE}}</div>
  </div>{{/FIELDS}}
  <div class="actions">
    <button type="submit" class="primary">{{SUBMIT}}</button>
    <a class="button" href="{{CANCEL}}">Cancel</a>
  </div>
</form>
