// tmpl.cc: the extern "C" shim over ctemplate; nothing else in casedesk is C++.
#include "view/tmpl.h"
#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>
#include <dirent.h>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

// A tmpl_dict* is a ctemplate::TemplateDictionary* seen from C; children belong to their parent.
static ctemplate::TemplateDictionary *D(tmpl_dict *d) { return reinterpret_cast<ctemplate::TemplateDictionary *>(d); }
static tmpl_dict *C(ctemplate::TemplateDictionary *d) { return reinterpret_cast<tmpl_dict *>(d); }

namespace {

std::vector<std::string> g_files;

// Variable and section names with their ctemplate ids computed once per worker. Given a plain string,
// ctemplate hashes the name and looks it up in its global id-to-name map at every SetValue and
// AddSectionDictionary, a visible share of the worker's time on the case list page. Names are few (the templates'
// markers), so a bounded table keyed by content keeps a permanent copy of each; past it, plain strings.
struct Name {
    std::string text;
    ctemplate::StaticTemplateString sts;
};
constexpr size_t kNameSlots = 1024;
Name *g_names[kNameSlots];

ctemplate::TemplateString name_of(const char *key)
{
    size_t len = std::strlen(key), h = str_hash(key, STR_HASH_SEED);
    for (size_t probe = 0; probe < 8; probe++) {
        Name *&n = g_names[(h + probe) % kNameSlots];
        if (n && n->text.size() == len && std::memcmp(n->text.data(), key, len) == 0)
            return ctemplate::TemplateString(n->sts);
        if (n)
            continue;
        try {
            n = new Name{std::string(key, len), {}};
        } catch (const std::bad_alloc &) {
            break;
        }
        n->sts.do_not_use_directly_.ptr_ = n->text.c_str();
        n->sts.do_not_use_directly_.length_ = len;
        n->sts.do_not_use_directly_.id_ = ctemplate::kIllegalTemplateId;
        ctemplate::StaticTemplateStringInitializer computes_id(&n->sts);
        return ctemplate::TemplateString(n->sts);
    }
    return ctemplate::TemplateString(key, len);
}

class SbEmitter : public ctemplate::ExpandEmitter {
  public:
    explicit SbEmitter(strbuf *sb) : sb_(sb) {}
    void Emit(char c) override { sb_append(sb_, &c, 1); }
    void Emit(const std::string &s) override { sb_append(sb_, s.data(), s.size()); }
    void Emit(const char *s) override { sb_append(sb_, s, std::strlen(s)); }
    void Emit(const char *s, size_t len) override { sb_append(sb_, s, len); }

  private:
    strbuf *sb_;
};

int list_templates(const char *dir, std::vector<std::string> *out, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        std::snprintf(err, errlen, "template directory %s cannot be read", dir);
        return -1;
    }
    // cppcheck-suppress readdirCalled ; one stream per call and no threads: readdir_r is deprecated
    while (struct dirent *e = readdir(d)) {
        size_t n = std::strlen(e->d_name);
        if (n > 4 && std::strcmp(e->d_name + n - 4, ".tpl") == 0)
            out->push_back(e->d_name);
    }
    closedir(d);
    return 0;
}

int check_all(const std::string &root, char *err, size_t errlen)
{
    for (const std::string &f : g_files) {
        std::string path = root + "/" + f;
        FILE *fp = std::fopen(path.c_str(), "r");
        char head[64] = "";
        if (fp) {
            size_t n = std::fread(head, 1, sizeof head - 1, fp);
            head[n] = '\0';
            std::fclose(fp);
        }
        if (std::strncmp(head, "{{%AUTOESCAPE", 13) != 0) {
            std::snprintf(err, errlen, "template %s does not start with {{%%AUTOESCAPE ...}}", path.c_str());
            return -1;
        }
        if (!ctemplate::LoadTemplate(f, ctemplate::STRIP_BLANK_LINES)) {
            std::snprintf(err, errlen, "template %s does not parse (see the ctemplate message above)", path.c_str());
            return -1;
        }
    }
    return 0;
}

void dict_free(void *p) { delete static_cast<ctemplate::TemplateDictionary *>(p); }

} // namespace

extern "C" int tmpl_init(const char *dir, char *err, size_t errlen)
{
    try {
        ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
        g_files.clear();
        if (list_templates(dir, &g_files, err, errlen) < 0)
            return -1;
        if (g_files.empty()) {
            std::snprintf(err, errlen, "no *.tpl files in %s", dir);
            return -1;
        }
        return check_all(dir, err, errlen);
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "template loading failed: %s", e.what());
        return -1;
    }
}

extern "C" int tmpl_reload(char *err, size_t errlen)
{
    try {
        std::string root = ctemplate::mutable_default_template_cache()->template_root_directory();
        if (!root.empty() && root.back() == '/')
            root.pop_back();
        std::vector<std::string> files;
        if (list_templates(root.c_str(), &files, err, errlen) < 0)
            return -1;
        ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(ctemplate::TemplateCache::IMMEDIATE_RELOAD);
        g_files = files;
        return check_all(root, err, errlen);
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "template reload failed: %s", e.what());
        return -1;
    }
}

extern "C" tmpl_dict *tmpl_dict_new(arena *a, const char *name)
{
    ctemplate::TemplateDictionary *d;
    try {
        d = new ctemplate::TemplateDictionary(name);
    } catch (const std::bad_alloc &) {
        return nullptr;
    }
    if (arena_defer(a, dict_free, d) < 0)
        return nullptr;
    return C(d);
}

extern "C" void tmpl_set(tmpl_dict *d, const char *key, const char *value)
{
    if (!d)
        return;
    try {
        D(d)->SetValue(name_of(key), value ? value : "");
    } catch (const std::bad_alloc &) {
    }
}

extern "C" void tmpl_set_int(tmpl_dict *d, const char *key, long long value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", value);
    tmpl_set(d, key, buf);
}

extern "C" tmpl_dict *tmpl_section(tmpl_dict *d, const char *name)
{
    if (!d)
        return nullptr;
    try {
        return C(D(d)->AddSectionDictionary(name_of(name)));
    } catch (const std::bad_alloc &) {
        return nullptr;
    }
}

extern "C" void tmpl_show(tmpl_dict *d, const char *name)
{
    if (!d)
        return;
    try {
        D(d)->ShowSection(name_of(name));
    } catch (const std::bad_alloc &) {
    }
}

extern "C" tmpl_dict *tmpl_include(tmpl_dict *d, const char *name, const char *file)
{
    if (!d)
        return nullptr;
    try {
        ctemplate::TemplateDictionary *c = D(d)->AddIncludeDictionary(name);
        c->SetFilename(file);
        return C(c);
    } catch (const std::bad_alloc &) {
        return nullptr;
    }
}

extern "C" cd_err tmpl_render(const char *file, tmpl_dict *d, strbuf *out)
{
    if (!d)
        return CD_ENOMEM;
    try {
        SbEmitter em(out);
        if (!ctemplate::ExpandWithData(file, ctemplate::STRIP_BLANK_LINES, D(d), nullptr, &em))
            return CD_EINTERNAL;
    } catch (const std::bad_alloc &) {
        return CD_ENOMEM;
    }
    return out->failed ? CD_ENOMEM : CD_OK;
}
