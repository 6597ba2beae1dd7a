{{%AUTOESCAPE context="HTML"}}{{>ADMIN_NAV}}
<section class="card form-narrow" aria-labelledby="confirm-title">
  <h1 id="confirm-title">{{HEADING}}</h1>
  {{#ERROR}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/ERROR}}
  <p>{{QUESTION}}</p>
  {{#FACTS}}<ul class="facts-list">{{#FACT}}<li>{{TEXT}}</li>{{/FACT}}</ul>{{/FACTS}}
  <p class="muted">This cannot be undone.</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <div class="actions">
      <button type="submit" class="danger">{{BUTTON}}</button>
      <a class="button" href="{{CANCEL}}">Cancel</a>
    </div>
  </form>
</section>
