#pragma once
// The per-layer options the Quantize page edits: the choices of each combo box with a one-line
// explanation, and LayerEdit, the set of fields one edit changes. Shared by the layer table,
// its delegates and the "Apply to selected" strip.

#include <QList>
#include <QString>

#include <optional>

#include "core/quant/quant_config.h"

namespace ql {

// One choice of a combo-box column: the value stored in the EditRole, its label, and a
// one-line explanation shown as a tooltip.
struct QuantChoice
{
    QString key;
    QString label;
    QString toolTip;
};

enum class QuantOption
{
    Scheme,
    Granularity,
    Rounding,
    Observer
};
const QList<QuantChoice>& quantChoices(QuantOption option);

// Scheme keys name weights / activations: "sym/affine", "affine/affine", ...
QString schemeShort(QuantSpec::Scheme s);
QString schemeKey(QuantSpec::Scheme weights, QuantSpec::Scheme activations);
QuantSpec::Scheme schemeOf(const QString& part); // "sym" or "affine"

// The fields one edit sets (unset fields are kept): a table cell or the "Apply to selected"
// strip. Weight fields are skipped on layers without weights.
struct LayerEdit
{
    std::optional<int> weightBits;
    std::optional<int> activationBits;
    std::optional<QuantSpec::Scheme> weightScheme;
    std::optional<QuantSpec::Scheme> activationScheme;
    std::optional<Granularity> granularity;
    std::optional<RoundingMode> rounding; // weights and activations
    std::optional<ObserverKind> observer; // activations
    std::optional<bool> keepFloat;

    bool isEmpty() const;
    void applyTo(LayerOverride& o, bool hasWeights) const;
    QString describe() const; // "rounding toward_zero, A bits 6"
};

} // namespace ql
