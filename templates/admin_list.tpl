{{%AUTOESCAPE context="HTML"}}{{>ADMIN_NAV}}
<div class="toolbar">
  <h1>{{HEADING}}</h1>
  <a class="button primary" href="{{NEW_HREF}}">{{NEW_LABEL}}</a>
</div>
{{#NONE}}<p class="muted">{{MESSAGE}}</p>{{/NONE}}
{{#TABLE}}<table class="list responsive admin-table">
  <caption class="visually-hidden">{{HEADING}}</caption>
  <thead><tr>{{#COL}}<th scope="col">{{LABEL}}</th>{{/COL}}<th scope="col">Actions</th></tr></thead>
  <tbody>
    {{#ROW}}<tr>
      {{#CELL}}<td data-label="{{LABEL}}">{{#LINK}}<a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</td>{{/CELL}}
      <td data-label="Actions" class="row-actions"><a href="{{EDIT}}">Edit<span class="visually-hidden"> {{NAME}}</span></a>
        <a href="{{DELETE}}">Delete<span class="visually-hidden"> {{NAME}}</span></a></td>
    </tr>{{/ROW}}
  </tbody>
</table>{{/TABLE}}
{{>PAGER}}
