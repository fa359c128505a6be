// Runs an ONNX model in ONNX Runtime (onnxruntime-node, CPU, all graph optimizations — the
// QDQ → QLinearConv/QGemm fusions) over a batch of float32 inputs and writes every output.
//
//   node run_ort.js ORT_DIR MODEL.onnx INPUT.f32 N,D1,D2,... OUT_DIR
//
// ORT_DIR holds node_modules/onnxruntime-node (scripts/install-deps.sh installs it into .ort/).
// INPUT.f32 is raw little-endian float32 of the given shape (the model's single input); the
// model runs in batches of 100 rows. OUT_DIR receives <k>.f32 per output k (raw float32, rows
// in input order) and outputs.json ([{"name", "dims"}]). Any failure: message, exit status 1.
// QL_ORT_OPT=disabled|basic|extended|all overrides the optimization level (default all).
'use strict';
const fs = require('fs');
const path = require('path');

async function main() {
    const [ortDir, modelPath, inputPath, shapeText, outDir] = process.argv.slice(2);
    if (!outDir)
        throw new Error('usage: node run_ort.js ORT_DIR MODEL.onnx INPUT.f32 N,D1,... OUT_DIR');
    const ort = require(path.join(path.resolve(ortDir), 'node_modules', 'onnxruntime-node'));
    const session = await ort.InferenceSession.create(modelPath, {
        logSeverityLevel: 3,
        graphOptimizationLevel: process.env.QL_ORT_OPT || 'all',
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
    });
    const dims = shapeText.split(',').map(Number);
    const rows = dims[0];
    const rowSize = dims.slice(1).reduce((a, b) => a * b, 1);
    const bytes = fs.readFileSync(inputPath);
    if (bytes.length !== rows * rowSize * 4)
        throw new Error(`${inputPath}: ${bytes.length} bytes, shape ${shapeText} needs ${rows * rowSize * 4}`);
    const input = new Float32Array(bytes.buffer, bytes.byteOffset, rows * rowSize);
    const chunks = session.outputNames.map(() => []);
    const outDims = session.outputNames.map(() => null);
    const batch = 100;
    for (let begin = 0; begin < rows; begin += batch) {
        const n = Math.min(batch, rows - begin);
        const feed = new ort.Tensor('float32', input.slice(begin * rowSize, (begin + n) * rowSize),
                                    [n, ...dims.slice(1)]);
        const result = await session.run({ [session.inputNames[0]]: feed });
        session.outputNames.forEach((name, k) => {
            chunks[k].push(Buffer.from(result[name].data.buffer, result[name].data.byteOffset,
                                       result[name].data.byteLength));
            outDims[k] = [rows, ...result[name].dims.slice(1)];
        });
    }
    fs.mkdirSync(outDir, { recursive: true });
    session.outputNames.forEach((name, k) => {
        fs.writeFileSync(path.join(outDir, `${k}.f32`), Buffer.concat(chunks[k]));
    });
    fs.writeFileSync(path.join(outDir, 'outputs.json'),
                     JSON.stringify(session.outputNames.map((name, k) => ({ name, dims: outDims[k] }))));
}

main().catch((e) => {
    console.error(`run_ort.js: ${e.message}`);
    process.exit(1);
});
