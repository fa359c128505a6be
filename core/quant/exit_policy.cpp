#include "core/quant/exit_policy.h"

#include <cmath>

namespace ql {

double maxSoftmax(const float* logits, int64_t n)
{
    if (n <= 0)
        return 0.0;
    double top = logits[0];
    for (int64_t j = 1; j < n; ++j)
        top = std::max(top, double(logits[j]));
    double sum = 0.0;
    for (int64_t j = 0; j < n; ++j)
        sum += std::exp(double(logits[j]) - top);
    return 1.0 / sum;
}

std::vector<ExitReport> exitReports(const Model& model,
                                    const std::vector<std::vector<ExitSample>>& samples,
                                    const std::vector<int>& labels, bool labelled)
{
    std::vector<ExitReport> out;
    for (size_t e = 0; e < model.exits.size() && e < samples.size(); ++e) {
        ExitReport r;
        r.output = model.exits[e].output;
        r.macs = model.exits[e].macs;
        r.total = static_cast<int64_t>(samples[e].size());
        int64_t fp32 = 0, quant = 0, agree = 0;
        for (size_t s = 0; s < samples[e].size(); ++s) {
            const ExitSample& x = samples[e][s];
            if (labelled) {
                fp32 += x.fp32Top == labels[s];
                quant += x.quantTop == labels[s];
            }
            agree += x.quantTop == x.fp32Top;
        }
        if (r.total > 0) {
            r.fp32Top1 = 100.0 * fp32 / r.total;
            r.quantTop1 = 100.0 * quant / r.total;
            r.agreement = 100.0 * agree / r.total;
        }
        out.push_back(r);
    }
    return out;
}

std::vector<ExitPolicyPoint> exitPolicySweep(const Model& model,
                                             const std::vector<std::vector<ExitSample>>& samples,
                                             const std::vector<int>& labels, bool labelled)
{
    std::vector<ExitPolicyPoint> points;
    const size_t exits = std::min(model.exits.size(), samples.size());
    if (exits == 0)
        return points;
    const size_t count = samples[0].size();
    const size_t last = exits - 1;
    for (int step = 0; step <= 10; ++step) {
        ExitPolicyPoint p;
        p.threshold = (50 + 5 * step) / 100.0;
        p.quantExitShare.assign(exits, 0.0);
        double fp32Macs = 0, quantMacs = 0;
        int64_t fp32Correct = 0, quantCorrect = 0;
        for (size_t s = 0; s < count; ++s) {
            size_t ef = last, eq = last;
            for (size_t e = 0; e < exits; ++e)
                if (samples[e][s].fp32Confidence >= p.threshold) {
                    ef = e;
                    break;
                }
            for (size_t e = 0; e < exits; ++e)
                if (samples[e][s].quantConfidence >= p.threshold) {
                    eq = e;
                    break;
                }
            const int truth = labelled ? labels[s] : samples[last][s].fp32Top;
            fp32Correct += samples[ef][s].fp32Top == truth;
            quantCorrect += samples[eq][s].quantTop == truth;
            fp32Macs += static_cast<double>(model.exits[ef].macs);
            quantMacs += static_cast<double>(model.exits[eq].macs);
            p.quantExitShare[eq] += 1.0;
        }
        if (count > 0) {
            const double n = static_cast<double>(count);
            p.fp32Accuracy = 100.0 * fp32Correct / n;
            p.quantAccuracy = 100.0 * quantCorrect / n;
            p.fp32AvgMacs = fp32Macs / n;
            p.quantAvgMacs = quantMacs / n;
            for (double& share : p.quantExitShare)
                share /= n;
        }
        points.push_back(std::move(p));
    }
    return points;
}

} // namespace ql
