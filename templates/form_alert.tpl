{{%AUTOESCAPE context="HTML"}}<div class="alert" role="alert">
  <p>The form has problems: see the messages next to the fields.</p>
  {{#OTHER}}<p>{{MESSAGE}}</p>{{/OTHER}}
</div>
