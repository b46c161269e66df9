import { z } from 'zod';

/** One stream of `ffprobe -show_streams -of json`, read leniently: a field a newer ffprobe adds or drops never breaks us. */
export const ffprobeStreamSchema = z.looseObject({
  index: z.number().nullish(),
  codec_type: z.string().nullish(),
  codec_name: z.string().nullish(),
  profile: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  pix_fmt: z.string().nullish(),
  avg_frame_rate: z.string().nullish(),
  r_frame_rate: z.string().nullish(),
  time_base: z.string().nullish(),
  start_time: z.string().nullish(),
  sample_rate: z.string().nullish(),
  channels: z.number().nullish(),
  duration: z.string().nullish(),
  nb_frames: z.string().nullish(),
});

/** `ffprobe -show_format -show_streams -of json`. */
export const ffprobeOutputSchema = z.looseObject({
  format: z.looseObject({ duration: z.string().nullish(), format_name: z.string().nullish() }).nullish(),
  streams: z.array(ffprobeStreamSchema).nullish(),
});
