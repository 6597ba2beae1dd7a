{{%AUTOESCAPE context="HTML"}}<section class="error" aria-labelledby="error-title">
  <h1 id="error-title">{{STATUS}} {{REASON}}</h1>
  <p>{{MESSAGE}}</p>
  {{#BACK}}<p><a href="{{HREF}}">Back to the form</a></p>{{/BACK}}
  <p><a href="/">Back to the start page</a></p>
</section>
