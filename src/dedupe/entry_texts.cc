#include "dedupe/entry_texts.h"

#include "dedupe/normalize.h"

namespace kbgen {
namespace {

void append_steps(const std::vector<Step>& steps, std::string& text) {
  for (const Step& s : steps) {
    text += s.text.value;
    text += "\n\n";
    append_steps(s.steps, text);
  }
}

// The prose an entry says, which near-duplicate entries share.
std::string entry_prose(const Entry& e) {
  std::string text;
  auto add = [&text](std::string_view part) {
    text += part;
    text += "\n\n";
  };
  add(e.title.value);
  add(e.summary.value);
  add(e.description.value);
  for (const Cause& c : e.causes) add(c.title.value), add(c.detail.value);
  for (std::size_t f = 0; f < kStepFields.size(); ++f) append_steps(step_list(e, f), text);
  return text;
}

// normalize_text(a + "\n\n" + b) is normalize_text(a) and normalize_text(b)
// joined by one space (or whichever is not empty): the blank line separates
// words and ends any link destination. The one exception is a backslash at
// the end of a, which escapes the first newline inside a link destination,
// so an entry with such a text is normalised the slow way.
bool ends_with_backslash(std::string_view s) { return !s.empty() && s.back() == '\\'; }

bool any_ends_with_backslash(const std::vector<Step>& steps) {
  for (const Step& s : steps)
    if (ends_with_backslash(s.text.value) || any_ends_with_backslash(s.steps)) return true;
  return false;
}

bool parts_join_exactly(const Entry& e) {
  if (ends_with_backslash(e.title.value) || ends_with_backslash(e.summary.value) ||
      ends_with_backslash(e.description.value))
    return false;
  for (const Cause& c : e.causes)
    if (ends_with_backslash(c.title.value) || ends_with_backslash(c.detail.value)) return false;
  for (std::size_t f = 0; f < kStepFields.size(); ++f)
    if (any_ends_with_backslash(step_list(e, f))) return false;
  return true;
}

void join(std::string& out, const std::string& part) {
  if (part.empty()) return;
  if (!out.empty()) out += ' ';
  out += part;
}

void join_step(const Step& s, std::string& out) {
  append_normal_form(out, s.text.value);
  for (const Step& sub : s.steps) join_step(sub, out);
}

// The prose from the parts, once the items' normal forms are known.
void join_prose(const Entry& e, EntryNormalForms& forms) {
  std::string& prose = forms.prose;
  // Room for all: a normal form is never longer than twice its text.
  std::size_t room = 2 * (e.title.value.size() + e.summary.value.size() + e.description.value.size());
  for (const std::string& c : forms.causes) room += c.size() + 1;
  for (const auto& list : forms.steps)
    for (const std::string& s : list) room += s.size() + 1;
  prose.reserve(room);
  append_normal_form(prose, e.title.value);
  append_normal_form(prose, e.summary.value);
  append_normal_form(prose, e.description.value);
  for (const std::string& c : forms.causes) join(prose, c);
  for (const auto& list : forms.steps)
    for (const std::string& s : list) join(prose, s);
}

EntryNormalForms normal_forms_by_parts(const Entry& e) {
  EntryNormalForms forms;
  for (const Cause& c : e.causes) forms.causes.push_back(cause_normal_form(c));
  for (std::size_t f = 0; f < kStepFields.size(); ++f)
    for (const Step& s : step_list(e, f)) join_step(s, forms.steps[f].emplace_back());
  join_prose(e, forms);
  return forms;
}

// "a\x1e\x1eb" -> "a b": a step's normal form from its key.
std::string step_form_of_key(const std::string& key) {
  std::string form;
  form.reserve(key.size());
  for (std::size_t begin = 0; begin <= key.size();) {
    std::size_t end = key.find('\x1e', begin);
    if (end == std::string::npos) end = key.size();
    if (end > begin) {
      if (!form.empty()) form += ' ';
      form.append(key, begin, end - begin);
    }
    begin = end + 1;
  }
  return form;
}

EntryNormalForms normal_forms_whole(const Entry& e) {
  EntryNormalForms forms;
  for (const Cause& c : e.causes) forms.causes.push_back(normalize_text(cause_text(c)));
  for (std::size_t f = 0; f < kStepFields.size(); ++f)
    for (const Step& s : step_list(e, f)) forms.steps[f].push_back(normalize_text(step_text(s)));
  forms.prose = normalize_text(entry_prose(e));
  return forms;
}

}  // namespace

const std::vector<Step>& step_list(const Entry& e, std::size_t field) {
  switch (field) {
    case 0: return e.diagnosis;
    case 1: return e.fix;
    case 2: return e.verification;
    default: return e.prevention;
  }
}

std::string step_text(const Step& s) {
  std::string text(s.text.value);
  text += "\n\n";
  append_steps(s.steps, text);
  return text;
}

std::string cause_text(const Cause& c) {
  std::string text(c.title.value);
  text += "\n\n";
  text += c.detail.value;
  return text;
}

std::string cause_normal_form(const Cause& c) {
  if (ends_with_backslash(c.title.value)) return normalize_text(cause_text(c));
  std::string form;
  append_normal_form(form, c.title.value);
  append_normal_form(form, c.detail.value);
  return form;
}

EntryNormalForms normal_forms(const Entry& e) {
  return parts_join_exactly(e) ? normal_forms_by_parts(e) : normal_forms_whole(e);
}

EntryNormalForms normal_forms(const Entry& e, std::vector<std::string>&& cause_keys,
                              std::array<std::vector<std::string>, 4>&& step_keys) {
  if (!parts_join_exactly(e)) return normal_forms_whole(e);
  EntryNormalForms forms;
  forms.causes = std::move(cause_keys);
  for (std::size_t f = 0; f < kStepFields.size(); ++f) {
    forms.steps[f] = std::move(step_keys[f]);
    for (std::string& key : forms.steps[f])
      if (key.find('\x1e') != std::string::npos) key = step_form_of_key(key);
  }
  join_prose(e, forms);
  return forms;
}

}  // namespace kbgen
