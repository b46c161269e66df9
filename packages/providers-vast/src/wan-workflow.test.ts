import { expect } from 'chai';
import { deriveSeed } from './derive-seed.js';
import { wanClipFormat } from './wan-models.js';
import { buildWanWorkflow, fillWorkflowTemplate, type ComfyWorkflow } from './wan-workflow.js';

const output = { width: 1080, height: 1920, fps: 30 };
const inputs = (model: 'ti2v-5b' | 't2v-a14b') => ({
  format: wanClipFormat(model, output),
  positivePrompt: 'solar panels at dawn, cinematic',
  negativePrompt: 'blurry',
  seed: 1234,
  filenamePrefix: 'looply/scene-0',
});

function nodesOf(workflow: ComfyWorkflow, classType: string) {
  return Object.values(workflow).filter((node) => node.class_type === classType);
}

/** Every link `[id, index]` points at a node of the graph. */
function danglingLinks(workflow: ComfyWorkflow): string[] {
  return Object.entries(workflow).flatMap(([id, node]) =>
    Object.entries(node.inputs)
      .filter(([, value]) => Array.isArray(value) && typeof value[0] === 'string' && !(value[0] in workflow))
      .map(([name]) => `${id}.${name}`),
  );
}

describe('buildWanWorkflow', () => {
  it('builds the TI2V-5B graph with the size, frame count, fps, prompts and seed', () => {
    const workflow = buildWanWorkflow(inputs('ti2v-5b'));
    expect(nodesOf(workflow, 'Wan22ImageToVideoLatent')[0].inputs).to.include({
      width: 704,
      height: 1280,
      length: 121,
    });
    expect(nodesOf(workflow, 'CreateVideo')[0].inputs).to.include({ fps: 24 });
    expect(nodesOf(workflow, 'KSampler')[0].inputs).to.include({ seed: 1234 });
    expect(nodesOf(workflow, 'CLIPTextEncode').map((node) => node.inputs.text)).to.deep.equal([
      'solar panels at dawn, cinematic',
      'blurry',
    ]);
    expect(nodesOf(workflow, 'SaveVideo')).to.have.length(1);
    expect(danglingLinks(workflow)).to.deep.equal([]);
  });

  it('builds the T2V-A14B graph with two experts sharing the seed and splitting the steps', () => {
    const workflow = buildWanWorkflow({ ...inputs('t2v-a14b'), steps: 20 });
    const [high, low] = nodesOf(workflow, 'KSamplerAdvanced').map((node) => node.inputs);
    expect(high).to.include({ noise_seed: 1234, start_at_step: 0, end_at_step: 10, add_noise: 'enable' });
    expect(low).to.include({ noise_seed: 1234, start_at_step: 10, add_noise: 'disable' });
    expect(nodesOf(workflow, 'EmptyHunyuanLatentVideo')[0].inputs).to.include({ width: 480, height: 832, length: 81 });
    expect(nodesOf(workflow, 'UNETLoader').map((node) => node.inputs.unet_name)).to.have.length(2);
    expect(danglingLinks(workflow)).to.deep.equal([]);
  });
});

describe('fillWorkflowTemplate', () => {
  it('replaces whole-value slots with typed values and inline slots as text', () => {
    const template: ComfyWorkflow = {
      '1': { class_type: 'CLIPTextEncode', inputs: { text: 'prompt: {{POSITIVE_PROMPT}}' } },
      '2': {
        class_type: 'EmptyHunyuanLatentVideo',
        inputs: { width: '{{WIDTH}}', height: '{{HEIGHT}}', length: '{{FRAMES}}' },
      },
      '3': { class_type: 'KSampler', inputs: { seed: '{{SEED}}', model: ['9', 0] } },
    };
    const filled = fillWorkflowTemplate(template, inputs('ti2v-5b'));
    expect(filled['1'].inputs.text).to.equal('prompt: solar panels at dawn, cinematic');
    expect(filled['2'].inputs).to.deep.equal({ width: 704, height: 1280, length: 121 });
    expect(filled['3'].inputs).to.deep.equal({ seed: 1234, model: ['9', 0] });
    expect(template['3'].inputs.seed, 'the template itself is unchanged').to.equal('{{SEED}}');
  });

  it('names an unknown slot', () => {
    const template: ComfyWorkflow = { '1': { class_type: 'X', inputs: { value: '{{CFG}}' } } };
    expect(() => fillWorkflowTemplate(template, inputs('ti2v-5b'))).to.throw('Unknown slot {{CFG}}');
  });
});

describe('deriveSeed', () => {
  it('is stable for a key, differs between keys, and stays a safe integer', () => {
    expect(deriveSeed('job-1:visual:0')).to.equal(deriveSeed('job-1:visual:0'));
    expect(deriveSeed('job-1:visual:0')).to.not.equal(deriveSeed('job-1:visual:1'));
    expect(Number.isSafeInteger(deriveSeed('x'))).to.equal(true);
  });
});
