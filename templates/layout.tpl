{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · casedesk</title>
<link rel="stylesheet" href="/static/css/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <nav aria-label="Main">
    <a class="brand" href="/">casedesk</a>
  </nav>
</header>
<main id="main">
{{>CONTENT}}
</main>
<footer class="foot"><p>casedesk</p></footer>
</body>
</html>
