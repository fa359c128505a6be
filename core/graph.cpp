#include "core/graph.h"

#include <algorithm>

namespace ql {

template <typename T>
static const T* attrAs(const Node& n, const std::string& k)
{
    auto it = n.attrs.find(k);
    if (it == n.attrs.end())
        return nullptr;
    return std::get_if<T>(&it->second);
}

int64_t Node::attrInt(const std::string& k, int64_t def) const
{
    if (auto p = attrAs<int64_t>(*this, k))
        return *p;
    if (auto p = attrAs<float>(*this, k))
        return static_cast<int64_t>(*p);
    return def;
}

float Node::attrFloat(const std::string& k, float def) const
{
    if (auto p = attrAs<float>(*this, k))
        return *p;
    if (auto p = attrAs<int64_t>(*this, k))
        return static_cast<float>(*p);
    return def;
}

std::string Node::attrString(const std::string& k, const std::string& def) const
{
    if (auto p = attrAs<std::string>(*this, k))
        return *p;
    return def;
}

std::vector<int64_t> Node::attrInts(const std::string& k, std::vector<int64_t> def) const
{
    if (auto p = attrAs<std::vector<int64_t>>(*this, k))
        return *p;
    return def;
}

std::vector<float> Node::attrFloats(const std::string& k, std::vector<float> def) const
{
    if (auto p = attrAs<std::vector<float>>(*this, k))
        return *p;
    return def;
}

const Tensor* Graph::initializer(const std::string& name) const
{
    auto it = initializers.find(name);
    return it == initializers.end() ? nullptr : &it->second;
}

const Node* Graph::producer(const std::string& tensor) const
{
    for (const Node& n : nodes)
        if (std::find(n.outputs.begin(), n.outputs.end(), tensor) != n.outputs.end())
            return &n;
    return nullptr;
}

int Graph::nodeIndex(const std::string& nodeName) const
{
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == nodeName)
            return static_cast<int>(i);
    return -1;
}

std::vector<int> Graph::consumers(const std::string& tensor) const
{
    std::vector<int> out;
    for (size_t i = 0; i < nodes.size(); ++i)
        if (std::find(nodes[i].inputs.begin(), nodes[i].inputs.end(), tensor) !=
            nodes[i].inputs.end())
            out.push_back(static_cast<int>(i));
    return out;
}

int64_t Model::totalParams() const
{
    int64_t s = 0;
    for (const Node& n : graph.nodes)
        s += n.params;
    return s;
}

int64_t Model::totalMacs() const
{
    int64_t s = 0;
    for (const Node& n : graph.nodes)
        s += n.macs;
    return s;
}

} // namespace ql
