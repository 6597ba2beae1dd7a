{{%AUTOESCAPE context="HTML"}}<h1>casedesk</h1>
<p class="lead">Support cases for teams: track, assign, discuss and close them, from the browser or the JSON API.</p>
<ul class="links">
  <li><a href="/healthz">Service health</a></li>
</ul>
