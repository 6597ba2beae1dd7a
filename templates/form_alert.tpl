{{%AUTOESCAPE context="HTML"}}<div class="alert" id="form-alert" role="alert" tabindex="-1" autofocus>
  <p>The form has problems: see the messages next to the fields.</p>
  {{#FIELD}}<p><a href="#{{ID}}">{{LABEL}}: {{MESSAGE}}</a></p>{{/FIELD}}
  {{#OTHER}}<p>{{MESSAGE}}</p>{{/OTHER}}
</div>
