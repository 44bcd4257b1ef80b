/** Templates the protocol tests open; positions in the tests are 0-based (LSP). */

export const BUCKET_AND_SSH = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  # the app's data
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: app-data
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: vpc-12345678
  WebSsh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Web
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
`;

export const OPEN_SSH = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: SSH
      VpcId: vpc-12345678
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }]
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;

export const QUEUE_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Jobs": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "QueueName": "jobs"
      }
    }
  }
}
`;
