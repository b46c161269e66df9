import {
  briefSchema,
  findBuiltInTemplate,
  ProviderError,
  resolveBriefTemplate,
  sceneRolesFor,
  type BriefRequest,
} from '@looply/core';
import { expect } from 'chai';
import { scriptCall, temporaryArtifacts, type TestArtifacts } from './__fixtures__/fixtures.js';
import { createOpenAI } from './openai-provider.js';
import { chatJsonAnswer, startFakeOpenAIServer, writeFakeScript, type FakeOpenAIServer } from './testing/index.js';

const API_KEY = 'sk-test-template-0123456789';

function briefOf(request: BriefRequest) {
  return briefSchema.parse(resolveBriefTemplate(request));
}

describe('OpenAIScriptModel with a template', () => {
  let fake: FakeOpenAIServer;
  let artifacts: TestArtifacts;

  before(async () => {
    fake = await startFakeOpenAIServer({ apiKey: API_KEY });
    artifacts = await temporaryArtifacts();
  });
  after(async () => {
    await fake.close();
    await artifacts.cleanup();
  });
  beforeEach(() => fake.reset());

  const model = () => createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL }).script();

  it('asks for the template structure (scene count pinned in the schema, roles and numbering in the prompt) and returns it', async () => {
    const brief = briefOf({ topic: 'coral reefs', template: 'listicle' });
    const { script } = await model().doGenerate(scriptCall(brief, artifacts.store));

    const body = fake.requestsTo('chat')[0].body as Record<string, any>;
    const scenesSchema = body.response_format.json_schema.schema.properties.scenes;
    expect(scenesSchema).to.include({ minItems: 7, maxItems: 7 });
    const system = body.messages[0].content as string;
    expect(system).to.include('Structure (the "listicle" template)');
    expect(system).to.include('- Use 7 scenes, exactly, in this order');
    expect(system).to.include('- scene 1, role "hook": Promise the list: the top five things to know about the topic.');
    expect(system).to.include('- scenes 2–6, role "point": one item per scene. Number them from 5 down to 1');
    expect(system).to.include('- scene 7, role "call-to-action": Ask the viewer which item they would rank first');
    expect(body.messages[1].content).to.include('Template: listicle');

    expect(script.scenes.map((scene) => scene.role)).to.deep.equal(
      sceneRolesFor(findBuiltInTemplate('listicle')!.structure),
    );
  });

  it('sizes the narration with the pacing: a brisk template asks for 10% more words than no template', async () => {
    await model().doGenerate(scriptCall(briefOf({ topic: 'coral reefs', durationSec: 40 }), artifacts.store));
    await model().doGenerate(
      scriptCall(briefOf({ topic: 'coral reefs', durationSec: 40, template: 'product-promo' }), artifacts.store),
    );
    const targets = fake
      .requestsTo('chat')
      .map((request) => Number(/total about (\d+) words/.exec((request.body as any).messages[0].content)![1]));
    expect(targets).to.deep.equal([100, 110]);
  });

  it('without a template asks for no roles and leaves them out of the script (a strict-mode null is dropped)', async () => {
    const { script } = await model().doGenerate(scriptCall(briefOf({ topic: 'coral reefs' }), artifacts.store));
    expect((fake.requestsTo('chat')[0].body as any).messages[0].content).not.to.include('Structure');
    expect(script.scenes.every((scene) => !('role' in scene))).to.equal(true);
  });

  it('refuses an answer with another scene count than the template asks for', async () => {
    const answer = writeFakeScript({
      topic: 'coral reefs',
      words: 100,
      scenes: 4,
      language: 'en',
      durationSec: 40,
      roles: [],
    });
    fake.enqueue('chat', chatJsonAnswer(answer));
    const brief = briefOf({ topic: 'coral reefs', template: 'listicle' });
    const error = await model()
      .doGenerate(scriptCall(brief, artifacts.store))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as Error).message).to.match(/"listicle" template asks for 7 scenes, the answer has 4/);
  });
});
