{{%AUTOESCAPE context="HTML"}}<section class="card narrow" aria-labelledby="login-title">
  <h1 id="login-title">Sign in</h1>
  {{#ERROR}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/login" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <div class="field">
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}">
    </div>
    <div class="field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
    </div>
    <button type="submit" class="primary">Sign in</button>
  </form>
</section>
