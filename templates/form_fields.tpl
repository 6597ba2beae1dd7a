{{%AUTOESCAPE context="HTML"}}{{#FIELD}}<div class="field{{#INVALID}} invalid{{/INVALID}}">
  {{#INPUT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}" autocomplete="{{AUTOCOMPLETE}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>{{/INPUT}}
  {{#TEXTAREA}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <textarea id="{{ID}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>
{{VALUE:pre_escape}}</textarea>{{/TEXTAREA}}
  {{#SELECT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <select id="{{ID}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>
    {{#EMPTY}}<option value="">{{LABEL}}</option>{{/EMPTY}}
    {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
  </select>{{/SELECT}}
  {{#CHECKS}}<fieldset class="checks"{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>
    <legend>{{LABEL}}</legend>
    <input type="hidden" name="{{NAME}}" value="">
    {{#CHECK}}<div class="check"><input type="checkbox" id="{{ID}}-{{N}}" name="{{NAME}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="{{ID}}-{{N}}">{{LABEL}}</label></div>{{/CHECK}}
    {{#NO_CHOICES}}<p class="hint">None to choose from yet.</p>{{/NO_CHOICES}}
  </fieldset>{{/CHECKS}}
  {{#FILES}}<label for="{{ID}}">{{LABEL}}</label>
  <input id="{{ID}}" name="{{NAME}}" type="file" multiple{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>{{/FILES}}
  {{#HINT}}<p class="hint" id="{{ID}}-hint">{{TEXT}}</p>{{/HINT}}
  {{#ERRLIST}}<div class="error" id="{{ID}}-error">{{#ERROR}}<p>{{MESSAGE}}</p>{{/ERROR}}</div>{{/ERRLIST}}
</div>
{{/FIELD}}
