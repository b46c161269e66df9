export {
  startFakeShotstack,
  type FakeShotstack,
  type FakeShotstackOptions,
  type FakeShotstackRequest,
} from './fake-shotstack-server.js';
