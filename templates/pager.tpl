{{%AUTOESCAPE context="HTML"}}{{#PAGES}}<nav class="pagination" aria-label="Pages">
  {{#PREV}}<a href="{{HREF}}" rel="prev">Previous page</a>{{/PREV}}
  <span class="muted">{{FROM}}–{{TO}} of {{COUNT}}</span>
  {{#NEXT}}<a href="{{HREF}}" rel="next">Next page</a>{{/NEXT}}
</nav>{{/PAGES}}
