#pragma once
// Class folders -> model output indices.
//
// An ImageFolder labels its sub-folders 0..K-1 in sorted order. That matches a model only when
// the folders are exactly the model's classes in the model's order; an ImageNet val folder
// holding some synsets of a 1000-class model does not. A class map says which output index
// each folder name stands for. Without one, classMatchWarning() says when the folders cannot
// be the model's classes (3 folders against 10 logits) instead of a silent 0 % top-1.
//
// Labels file (one class per line; blank lines and lines starting with '#' are ignored):
//   <folder name> <index>          e.g. "n01440764 0"
//   <folder name> <description>    e.g. "n01440764 tench, Tinca tinca" (ImageNet's
//                                  LOC_synset_mapping.txt): the index is the line's position
// Folder names are unique; the first token ends at the first space or tab.

#include <map>
#include <optional>
#include <string>

#include "core/dataset.h"

namespace ql {

using ClassMap = std::map<std::string, int>; // folder name -> model output index

// Throws ql::Error naming the file, the line and the problem.
ClassMap loadClassMap(const std::string& path);
ClassMap parseClassMap(const std::string& text, const std::string& displayName);

// Relabels `data` (labelled by sorted folder index) with the map's output indices. A folder
// without an entry is an error naming it; so is an index outside [0, modelClasses) when
// modelClasses > 0.
void applyClassMap(Dataset& data, const ClassMap& map, int64_t modelClasses,
                   const std::string& mapName);

// The class map a config names (Preprocess::classMap, "" = none): loaded and applied to `data`
// (labelled by sorted folder index). Returns whether a map was applied. Errors name the map
// file (and the line or folder), as applyClassMap.
bool applyConfiguredClassMap(Dataset& data, const Preprocess& pp, int64_t modelClasses);

// A one-line warning when a labelled folder cannot be scored against `modelClasses` outputs
// without a map (a different number of folders than outputs); nullopt when it can or when
// the data is unlabelled or mapped.
std::optional<std::string> classMatchWarning(const Dataset& data, int64_t modelClasses,
                                             bool mapped);

} // namespace ql
