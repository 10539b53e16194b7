#pragma once
// Lookup by name in the registries (activations, losses, initializers, optimizers): each is a table of
// entries with a `name` field, so one pair of helpers serves them all.
#include <string>
#include <vector>

namespace netlab {

template <class Entry>
int IndexByName(const std::vector<Entry>& table, const std::string& name) {
  for (size_t i = 0; i < table.size(); ++i)
    if (name == table[i].name) return int(i);
  return -1;
}

template <class Entry>
const Entry* FindByName(const std::vector<Entry>& table, const std::string& name) {
  int i = IndexByName(table, name);
  return i < 0 ? nullptr : &table[size_t(i)];
}

}  // namespace netlab
