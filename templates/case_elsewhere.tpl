{{%AUTOESCAPE context="HTML"}}<section class="card narrow" aria-labelledby="elsewhere-title">
  <h1 id="elsewhere-title">This case is in {{ORG_NAME}}</h1>
  <p>You are working in {{CURRENT}}. Switch to {{ORG_NAME}} to open the case there.</p>
  <form method="post" action="/org/switch">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input type="hidden" name="org" value="{{ORG_ID}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <div class="actions">
      <button type="submit" class="primary">Switch to {{ORG_NAME}} and open the case</button>
    </div>
  </form>
</section>
