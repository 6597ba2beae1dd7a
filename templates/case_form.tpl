{{%AUTOESCAPE context="HTML"}}<div class="toolbar">
  <h1>{{HEADING}}</h1>
  <a href="{{CANCEL}}">{{CANCEL_LABEL}}</a>
</div>
{{#CONFLICT}}<section class="card conflict" aria-labelledby="conflict-title">
  <h2 id="conflict-title">Someone else changed this case while you were editing it</h2>
  <p>Nothing was saved. The current version is shown next to yours. The form below holds your values and the current
    version number: save it to put your version in place of theirs, or discard your changes.</p>
  <table class="list responsive compare">
    <caption class="visually-hidden">The current version of the case and yours, field by field</caption>
    <thead><tr><th scope="col">Field</th><th scope="col">Current version (theirs)</th><th scope="col">Your version</th></tr></thead>
    <tbody>
      {{#ROW}}<tr{{#DIFFERS}} class="differs"{{/DIFFERS}}>
        <th scope="row">{{LABEL}}{{#DIFFERS}} <span class="badge changed">differs</span>{{/DIFFERS}}</th>
        <td data-label="Theirs" class="pre">{{THEIRS:pre_escape}}</td>
        <td data-label="Yours" class="pre">{{YOURS:pre_escape}}</td>
      </tr>{{/ROW}}
    </tbody>
  </table>
  <div class="actions">
    <a class="button" href="{{DISCARD}}">Discard my changes</a>
    <a href="{{RELOAD}}">Edit the current version instead</a>
  </div>
</section>{{/CONFLICT}}
<form method="post" action="{{ACTION}}" class="form card"{{#MULTIPART}} enctype="multipart/form-data"{{/MULTIPART}}>
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{#VERSION}}<input type="hidden" name="version" value="{{NUMBER}}">{{/VERSION}}
  {{>ALERT}}
  <div class="grid">
    <div>{{>MAIN}}{{>FILES}}</div>
    <div>{{>SIDE}}</div>
  </div>
  <div class="actions">
    <button type="submit" class="primary">{{SUBMIT}}</button>
    <a class="button" href="{{CANCEL}}">Cancel</a>
  </div>
</form>
