// The per-ISA half-even quantizer (core/isa/quantize_kernel.inc, used by
// IntRuntime::quantizeFloat) against quantizeBuffer, the scalar definition of spec §1
// (q = clamp(R(r · (1/S)) + Z, qmin, qmax), NaN → Z), on every path this CPU supports, code
// for code: exact ties k + ½ (even and odd k, both signs), ±0, subnormals, values just around
// 2^23 and far beyond the range, ±inf and NaN, and seeded random values, over u8, s8 and 16-bit
// code ranges and lengths with vector tails. (The kernel is the loop quantizeFloat ran before,
// compiled per ISA.)

#include <QtTest/QtTest>

#include <cmath>
#include <limits>

#include "core/isa/kernel_choice.h"
#include "core/quant/quant_params.h"
#include "core/quant/rounding.h"
#include "isa_env.h"

using namespace ql;

class TestIsaQuantize : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (const QString why = forcedIsaUnavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void quantizeHalfEvenEveryIsaEqualsDefinition()
    {
        struct Range
        {
            float scale;
            int32_t zero_point, qmin, qmax;
        };
        const float inf = std::numeric_limits<float>::infinity();
        for (const Range range : {Range{0.5f, 128, 0, 255}, Range{0.037f, -3, -128, 127},
                                  Range{1.0f, 0, -32768, 32767}, Range{3e-4f, 1200, 0, 65535},
                                  Range{1.0f / 3.0f, 7, 0, 15}}) {
            std::vector<float> values;
            for (int k = -9; k <= 9; ++k) // exact ties in units of S (S = 0.5 and 1 exactly)
                values.push_back((float(k) + 0.5f) * range.scale);
            for (float v : {0.0f, -0.0f, 1e-40f, -1e-40f, 0x1p23f, -0x1p23f, 0x1p23f - 0.5f,
                            0x1p23f + 2.0f, 1e30f, -1e30f, inf, -inf,
                            std::numeric_limits<float>::quiet_NaN()})
                values.push_back(v);
            Rng rng(20261201);
            while (values.size() < 1000 + 13) // a tail for every vector width
                values.push_back(float((rng.uniform() * 2.0 - 1.0) * range.scale *
                                       double(range.qmax - range.qmin) * 0.7));
            QuantParams params;
            params.scale = {range.scale};
            params.zeroPoint = {range.zero_point};
            params.qmin = range.qmin;
            params.qmax = range.qmax;
            std::vector<int32_t> expected(values.size());
            quantizeBuffer(values.data(), int64_t(values.size()), params, 1, expected.data(), {});
            // Far beyond the range (±1e30, ±inf) the definition saturates to qmax / qmin.
            for (size_t i = 0; i < values.size(); ++i)
                if (std::isinf(values[i]) || std::fabs(values[i]) >= 1e30f)
                    QCOMPARE(expected[i], values[i] > 0.0f ? range.qmax : range.qmin);
            for (Isa isa : supportedIsas()) {
                std::vector<int32_t> codes(values.size(), -7);
                QL_KERNEL_FOR(isa, quantizeHalfEven)
                (values.data(), int64_t(values.size()), 1.0f / range.scale, range.zero_point,
                 float(range.qmin - range.zero_point), float(range.qmax - range.zero_point),
                 codes.data());
                for (size_t i = 0; i < values.size(); ++i)
                    QVERIFY2(codes[i] == expected[i],
                             qPrintable(QStringLiteral("%1: r = %2 gives %3, definition %4")
                                            .arg(isaName(isa))
                                            .arg(double(values[i]), 0, 'g', 9)
                                            .arg(codes[i])
                                            .arg(expected[i])));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestIsaQuantize)
#include "test_isa_quantize.moc"
