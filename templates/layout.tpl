{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · casedesk</title>
<link rel="stylesheet" href="/static/css/app.css">
{{#CSRF_META}}<meta name="csrf-token" content="{{CSRF}}">
{{/CSRF_META}}<script src="/static/js/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <nav aria-label="Main">
    <a class="brand" href="/">casedesk</a>
    {{#SIGNED_IN}}
    {{#IN_ORG}}<ul class="nav-links">
      <li><a href="/cases"{{#CUR_CASES}} aria-current="page"{{/CUR_CASES}}>Cases</a></li>
      <li><a href="/cases/new"{{#CUR_NEW}} aria-current="page"{{/CUR_NEW}}>New case</a></li>
      <li><a href="/cases?resolution=open&amp;mine=1&amp;ordering=-priority%2Cupdated_on"{{#CUR_MINE}} aria-current="page"{{/CUR_MINE}}>My cases</a></li>
      {{#ADMIN}}<li><a href="/admin/members"{{#CUR_ADMIN}} aria-current="page"{{/CUR_ADMIN}}>Admin</a></li>{{/ADMIN}}
    </ul>{{/IN_ORG}}
    <span class="spacer"></span>
    {{#SWITCHER}}
    <form method="post" action="/org/switch" class="switcher">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="next" value="{{NEXT}}">
      <label for="org-switch">Organization</label>
      <select id="org-switch" name="org">
        {{#ORG}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ORG}}
      </select>
      <button type="submit">Switch</button>
    </form>
    {{/SWITCHER}}
    <span class="who">{{EMAIL}}</span>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <button type="submit">Sign out</button>
    </form>
    {{/SIGNED_IN}}
    {{#SIGNED_OUT}}<span class="spacer"></span><a href="/login">Sign in</a>{{/SIGNED_OUT}}
  </nav>
</header>
<main id="main">
{{#NOTICE}}<p class="alert ok" id="notice" role="status">{{MESSAGE}}{{#LINK}} <a href="{{HREF}}">{{LABEL}}</a>{{/LINK}}</p>
{{/NOTICE}}{{>CONTENT}}
</main>
<footer class="foot"><p>casedesk</p></footer>
</body>
</html>
