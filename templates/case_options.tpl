{{%AUTOESCAPE context="HTML"}}{{! case_options.tpl: the <option>s of a filter select of cases.tpl, which inserts them as they are. }}{{#OPT}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPT}}
