{{%AUTOESCAPE context="HTML"}}<nav class="subnav" aria-label="Administration">
  <ul>
    <li><a href="/admin/members"{{#MEMBERS}} aria-current="page"{{/MEMBERS}}>Members</a></li>
    <li><a href="/admin/teams"{{#TEAMS}} aria-current="page"{{/TEAMS}}>Teams</a></li>
    <li><a href="/admin/accounts"{{#ACCOUNTS}} aria-current="page"{{/ACCOUNTS}}>Accounts</a></li>
    <li><a href="/admin/contacts"{{#CONTACTS}} aria-current="page"{{/CONTACTS}}>Contacts</a></li>
  </ul>
</nav>
